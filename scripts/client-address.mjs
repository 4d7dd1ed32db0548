// Who is on the other end of a request. The client address comes from the socket, unless the
// request came through TRUSTED_PROXY_HOPS proxies of our own (a load balancer: 1): then from the
// X-Forwarded-For entry those proxies wrote, counted from the right, since every entry left of
// them is whatever the client chose to send. Shared by the console's server (scripts/server.mjs),
// which writes the answer into the request, and the console, which reads it back.
import { createHmac, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";

/** The header the console's server writes: the client's address and its tag. */
export const CLIENT_HEADER = "x-console-client";

/** "::ffff:10.0.0.1" is 10.0.0.1; anything that is not an address is no address. */
export function normalAddress(value) {
  const text = String(value ?? "")
    .trim()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  return isIP(text) ? text : null;
}

export function trustedHops(env = process.env) {
  const hops = Number(env.TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(hops) && hops >= 0 && hops <= 10 ? hops : 0;
}

/**
 * The client of a request that reached us from `socketAddress` carrying `forwardedFor`: with no
 * trusted hop the socket; with n, the n-th address left of the socket in X-Forwarded-For (the
 * leftmost there is, if the chain is shorter). Null when what stands there is no address.
 */
export function resolveClientAddress(socketAddress, forwardedFor, hops) {
  const chain = [
    ...String(forwardedFor ?? "")
      .split(",")
      .map((hop) => hop.trim())
      .filter(Boolean),
    socketAddress ?? "",
  ];
  return normalAddress(chain[Math.max(0, chain.length - 1 - hops)]);
}

function tag(address, secret) {
  return createHmac("sha256", secret).update(`client:${address}`).digest("base64url").slice(0, 22);
}

/** What the server writes into CLIENT_HEADER. */
export function signClientAddress(address, secret) {
  return `${address} ${tag(address, secret)}`;
}

/** The address CLIENT_HEADER carries, if the console's server wrote it (null otherwise). */
export function verifiedClientAddress(header, secret) {
  const [address, given] = String(header ?? "").split(" ");
  if (!address || !given || !secret) return null;
  const expected = tag(address, secret);
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return null;
  return normalAddress(address);
}
