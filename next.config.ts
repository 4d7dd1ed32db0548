import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native modules and pdfkit (which reads its font files from disk) stay out of the bundle.
  serverExternalPackages: ["argon2", "better-sqlite3", "@prisma/adapter-better-sqlite3", "pdfkit", "nodemailer"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
