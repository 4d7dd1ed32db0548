import { CLIENT_HEADER, verifiedClientAddress } from "@/lib/client-address.mjs";

let warned = false;

/**
 * The caller's address, as the console's server (scripts/server.mjs) resolved it from the socket
 * and the trusted proxies, and tagged so that no client can write it. Served any other way (`next
 * start` keeps the client's own X-Forwarded-For), the address is unknown: "inconnue".
 */
export function clientIp(get: (name: string) => string | null | undefined): string {
  const address = verifiedClientAddress(get(CLIENT_HEADER), process.env.NEXTAUTH_SECRET);
  if (address) return address;
  if (!warned) {
    warned = true;
    console.warn("Adresse du client inconnue : démarrez la console avec « npm start » (scripts/server.mjs), pas « next start ».");
  }
  return "inconnue";
}

export function parseCookies(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    try {
      out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A malformed value (a lone "%") is no cookie of ours.
    }
  }
  return out;
}
