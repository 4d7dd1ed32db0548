import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native modules and pdfkit (which reads its font files from disk) stay out of the bundle.
  serverExternalPackages: [
    "argon2",
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "pg",
    "@prisma/adapter-pg",
    "pdfkit",
    "nodemailer",
    "pg-boss",
    // Its workers are files it starts by path (lib/server/letters/pdf-worker.mjs).
    "piscina",
  ],
  poweredByHeader: false,
  // Metadata rendered before the page, for every browser (not only bots): the document title then
  // never goes missing while a page refreshes, which screen readers and axe both notice.
  htmlLimitedBots: /.*/,
  // "Charger une base" and "Importer un fichier CSV" post their file to a server action: room for
  // the largest (5 Mo) and the form around it; the actions refuse anything larger in French.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          // Pages add their Content Security Policy (proxy.ts); these hold for every answer.
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          // Production is served over TLS (README): browsers then never try plain HTTP again.
          ...(process.env.NODE_ENV === "production"
            ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
            : []),
        ],
      },
    ];
  },
};

export default nextConfig;
