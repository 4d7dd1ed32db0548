import "server-only";
import dns from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/**
 * Where the settings that reach out (an LDAP directory, a CAS server, an IdP's metadata, an ENT)
 * may lead: never to this machine, the link-local metadata service, private networks or the
 * provider's own ranges — else a base administrator who types an address maps the provider's
 * internal ports from the answers. Checked when the connection is made, after DNS (a name that
 * resolves to 10.0.0.5 is refused as 10.0.0.5 is; a name that changes its answer between the
 * check and the connection cannot, the address checked being the one connected to).
 *
 * OUTBOUND_DENIED_RANGES adds the provider's ranges (CIDR, comma-separated). OUTBOUND_ALLOWED_HOSTS
 * lets through the listed hosts, `host` or `host:port` (a school's directory reached over the
 * provider's VPN; the tests' servers on loopback).
 */
const SPECIAL_RANGES: [string, number, "ipv4" | "ipv6"][] = [
  ["0.0.0.0", 8, "ipv4"],
  ["10.0.0.0", 8, "ipv4"],
  ["100.64.0.0", 10, "ipv4"],
  ["127.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.0.0.0", 24, "ipv4"],
  ["192.0.2.0", 24, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["198.18.0.0", 15, "ipv4"],
  ["198.51.100.0", 24, "ipv4"],
  ["203.0.113.0", 24, "ipv4"],
  ["224.0.0.0", 4, "ipv4"],
  ["240.0.0.0", 4, "ipv4"],
  ["::", 128, "ipv6"],
  ["::1", 128, "ipv6"],
  ["64:ff9b::", 96, "ipv6"],
  ["100::", 64, "ipv6"],
  ["2001:db8::", 32, "ipv6"],
  ["fc00::", 7, "ipv6"],
  ["fe80::", 10, "ipv6"],
  ["ff00::", 8, "ipv6"],
];

function deniedRanges(): BlockList {
  const list = new BlockList();
  for (const [address, prefix, family] of SPECIAL_RANGES) list.addSubnet(address, prefix, family);
  for (const entry of (process.env.OUTBOUND_DENIED_RANGES ?? "").split(",")) {
    const [address, bits] = entry.trim().split("/");
    const family = isIP(address ?? "");
    if (!family) continue;
    list.addSubnet(address, bits === undefined ? (family === 6 ? 128 : 32) : Number(bits), family === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

/** Thrown when an address is refused: the callers answer it as they answer a server that does not respond. */
export class OutboundRefused extends Error {
  readonly code = "EOUTBOUND";
  constructor(readonly address: string) {
    super(`outbound address refused: ${address}`);
  }
}

/** "::ffff:10.0.0.1" is 10.0.0.1, so that an IPv4-mapped address is judged as its IPv4 one. */
const unmapped = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");

export function refusedAddress(address: string): boolean {
  const plain = unmapped(address);
  const family = isIP(plain);
  if (!family) return true;
  return deniedRanges().check(plain, family === 6 ? "ipv6" : "ipv4");
}

function allowedHost(host: string, port: number): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, "");
  return (process.env.OUTBOUND_ALLOWED_HOSTS ?? "")
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .some((entry) => entry === name || entry === `${name}:${port}`);
}

/**
 * What a connection to `host:port` is given: `host` to connect to (unchanged) and a `lookup` that
 * refuses the addresses above. An address typed as such is judged at once (no lookup is made for
 * it). Throws OutboundRefused.
 */
export function guardedConnection(host: string, port: number): { lookup?: LookupFunction } {
  const bare = host.replace(/^\[|\]$/g, "");
  if (allowedHost(bare, port)) return {};
  if (isIP(bare)) {
    if (refusedAddress(bare)) throw new OutboundRefused(bare);
    return {};
  }
  const lookup: LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      const refused = list.find((a) => refusedAddress(a.address));
      if (refused || list.length === 0) return callback(new OutboundRefused(refused?.address ?? hostname), "", 0);
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
  return { lookup };
}

export const isOutboundRefused = (error: unknown) => (error as { code?: string })?.code === "EOUTBOUND";
