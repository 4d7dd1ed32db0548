// Who is on the other end of a request. The client address comes from the socket, unless the
// request came through TRUSTED_PROXY_HOPS proxies of our own (a load balancer: 1) whose addresses
// TRUSTED_PROXIES lists: then from the X-Forwarded-For entry those proxies wrote, counted from the
// right, since every entry left of them is whatever the client chose to send. A socket that is
// not in the list is the client, whatever it wrote: reaching an instance's port directly gives no
// way to choose one's address. Shared by the console's server (scripts/server.mjs), which writes
// the answer into the request, and the console, which reads it back.
import { createHmac, timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";

/** The header the console's server writes: the client's address and its tag. */
export const CLIENT_HEADER = "x-console-client";

/** "::ffff:10.0.0.1" is 10.0.0.1; anything that is not an address is no address. */
export function normalAddress(value) {
  const text = String(value ?? "")
    .trim()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  return isIP(text) ? text : null;
}

/** TRUSTED_PROXY_HOPS: 0 by default, 1 when only TRUSTED_PROXIES is given. */
export function trustedHops(env = process.env) {
  const hops = Number(env.TRUSTED_PROXY_HOPS ?? (env.TRUSTED_PROXIES ? 1 : 0));
  return Number.isInteger(hops) && hops >= 0 && hops <= 10 ? hops : 0;
}

/** When TRUSTED_PROXIES is not set, the proxies believed are on this machine only. */
export const LOOPBACK_PROXIES = "127.0.0.0/8,::1/128";

/**
 * TRUSTED_PROXIES as a test of an address: a comma-separated list of addresses and CIDR ranges
 * (`10.0.0.2, 10.1.0.0/16, fd00::/8`), loopback only when unset. Throws, in French, on an entry
 * that is neither, so that a typo does not silently trust nobody or everybody.
 */
export function trustedProxies(env = process.env) {
  const list = new BlockList();
  for (const entry of String(env.TRUSTED_PROXIES || LOOPBACK_PROXIES).split(",")) {
    const text = entry.trim();
    if (!text) continue;
    const [address, bits] = text.split("/");
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`TRUSTED_PROXIES : « ${text} » n'est ni une adresse IP ni une plage CIDR.`);
    }
    list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return (value) => {
    const address = normalAddress(value);
    return address !== null && list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
  };
}

/**
 * The client of a request that reached us from `socketAddress` carrying `forwardedFor`: with no
 * trusted hop the socket; with n, the address left of each hop in X-Forwarded-For as long as the
 * hop is one of our proxies (`isProxy`), at most n times (the leftmost there is, if the chain is
 * shorter). Null when what stands there is no address.
 */
export function resolveClientAddress(socketAddress, forwardedFor, hops, isProxy) {
  const chain = [
    ...String(forwardedFor ?? "")
      .split(",")
      .map((hop) => hop.trim())
      .filter(Boolean),
    socketAddress ?? "",
  ];
  let at = chain.length - 1;
  for (let hop = 0; hop < hops && at > 0 && isProxy(chain[at]); hop++) at--;
  return normalAddress(chain[at]);
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
