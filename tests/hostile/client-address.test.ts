// The client address: the socket's, unless trusted proxies stand in front (TRUSTED_PROXY_HOPS).
// Before, the last X-Forwarded-For entry was taken as it came: served directly, every new value a
// client wrote was a new address (a fresh counter), and any text landed in the journal.
import { describe, expect, it } from "vitest";
import {
  CLIENT_HEADER,
  resolveClientAddress,
  signClientAddress,
  trustedHops,
  trustedProxies,
  verifiedClientAddress,
} from "@/lib/client-address.mjs";
import { clientIp } from "@/lib/server/request-ip";

const SECRET = process.env.NEXTAUTH_SECRET!;

describe("The client address", () => {
  it("is the socket's when no proxy is trusted, whatever X-Forwarded-For says", () => {
    const anyone = () => true;
    expect(resolveClientAddress("::ffff:203.0.113.7", "1.2.3.4, 5.6.7.8", 0, anyone)).toBe("203.0.113.7");
    expect(resolveClientAddress("203.0.113.7", "<script>alert(1)</script>", 0, anyone)).toBe("203.0.113.7");
    expect(resolveClientAddress("2001:db8::1", undefined, 0, anyone)).toBe("2001:db8::1");
  });

  it("is what the trusted proxies wrote, counted from the right, never what the client prepended", () => {
    const ours = trustedProxies({ TRUSTED_PROXIES: "10.0.0.2, 10.0.0.3/32" });
    // client → balancer (10.0.0.2) → console: the balancer appended the client's socket.
    expect(resolveClientAddress("10.0.0.2", "198.51.100.9", 1, ours)).toBe("198.51.100.9");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.9", 1, ours)).toBe("198.51.100.9");
    expect(resolveClientAddress("10.0.0.3", "6.6.6.6, 198.51.100.9, 10.0.0.2", 2, ours)).toBe("198.51.100.9");
    // A chain shorter than the hops: the leftmost there is.
    expect(resolveClientAddress("10.0.0.2", "", 1, ours)).toBe("10.0.0.2");
    // A proxy that wrote nonsense gives no address, never the nonsense.
    expect(resolveClientAddress("10.0.0.2", "nimporte quoi", 1, ours)).toBeNull();
  });

  it("ignores X-Forwarded-For from a socket that is not one of TRUSTED_PROXIES", () => {
    const ours = trustedProxies({ TRUSTED_PROXIES: "10.0.0.0/24" });
    // A client that reaches an instance's port directly, and writes the address it wants to be.
    expect(resolveClientAddress("203.0.113.50", "198.51.100.9", 1, ours)).toBe("203.0.113.50");
    expect(resolveClientAddress("::ffff:203.0.113.50", "1.1.1.1, 198.51.100.9", 2, ours)).toBe("203.0.113.50");
    // Through the balancer, a hop that is not ours stops the walk: never what the client prepended.
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.9", 2, ours)).toBe("198.51.100.9");
    // Unset, only this machine's proxies are believed.
    const loopback = trustedProxies({});
    expect(resolveClientAddress("127.0.0.1", "198.51.100.9", 1, loopback)).toBe("198.51.100.9");
    expect(resolveClientAddress("::1", "198.51.100.9", 1, loopback)).toBe("198.51.100.9");
    expect(resolveClientAddress("192.168.1.20", "198.51.100.9", 1, loopback)).toBe("192.168.1.20");
    expect(() => trustedProxies({ TRUSTED_PROXIES: "10.0.0.0/40" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => trustedProxies({ TRUSTED_PROXIES: "balanceur" })).toThrow(/TRUSTED_PROXIES/);
    expect(trustedHops({ TRUSTED_PROXIES: "10.0.0.2" })).toBe(1);
  });

  it("reads TRUSTED_PROXY_HOPS, 0 by default and for anything that is not a small whole number", () => {
    expect(trustedHops({})).toBe(0);
    expect(trustedHops({ TRUSTED_PROXY_HOPS: "1" })).toBe(1);
    for (const bad of ["-1", "1.5", "abc", "99"]) expect(trustedHops({ TRUSTED_PROXY_HOPS: bad })).toBe(0);
  });

  it("is read back only from the console's own server: a header written by a client counts for nothing", () => {
    const headers = (values: Record<string, string>) => (name: string) => values[name.toLowerCase()];
    expect(clientIp(headers({ [CLIENT_HEADER]: signClientAddress("203.0.113.7", SECRET) }))).toBe("203.0.113.7");
    // Forged: another address with the first one's tag, an untagged one, the old X-Forwarded-For.
    const tag = signClientAddress("203.0.113.7", SECRET).split(" ")[1];
    expect(clientIp(headers({ [CLIENT_HEADER]: `198.51.100.1 ${tag}` }))).toBe("inconnue");
    expect(clientIp(headers({ [CLIENT_HEADER]: "198.51.100.1" }))).toBe("inconnue");
    expect(clientIp(headers({ "x-forwarded-for": "198.51.100.1" }))).toBe("inconnue");
    expect(verifiedClientAddress(signClientAddress("203.0.113.7", "une-autre-clé"), SECRET)).toBeNull();
  });
});
