/**
 * The caller's address as the nearest proxy saw it: the last hop of X-Forwarded-For is the one
 * a client cannot forge, because that proxy (Next's own server, or the load balancer) wrote it.
 */
export function clientIp(get: (name: string) => string | null | undefined): string {
  const forwarded = get("x-forwarded-for");
  if (forwarded) {
    const hops = forwarded.split(",").map((h) => h.trim()).filter(Boolean);
    if (hops.length) return hops[hops.length - 1];
  }
  return get("x-real-ip") || "inconnue";
}

export function parseCookies(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}
