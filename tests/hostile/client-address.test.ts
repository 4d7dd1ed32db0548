// The client address: the socket's, unless trusted proxies stand in front (TRUSTED_PROXY_HOPS).
// Before, the last X-Forwarded-For entry was taken as it came: served directly, every new value a
// client wrote was a new address (a fresh counter), and any text landed in the journal.
import { describe, expect, it } from "vitest";
import { CLIENT_HEADER, resolveClientAddress, signClientAddress, trustedHops, verifiedClientAddress } from "@/scripts/client-address.mjs";
import { clientIp } from "@/lib/server/request-ip";

const SECRET = process.env.NEXTAUTH_SECRET!;

describe("The client address", () => {
  it("is the socket's when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("::ffff:203.0.113.7", "1.2.3.4, 5.6.7.8", 0)).toBe("203.0.113.7");
    expect(resolveClientAddress("203.0.113.7", "<script>alert(1)</script>", 0)).toBe("203.0.113.7");
    expect(resolveClientAddress("2001:db8::1", undefined, 0)).toBe("2001:db8::1");
  });

  it("is what the trusted proxies wrote, counted from the right, never what the client prepended", () => {
    // client → balancer (10.0.0.2) → console: the balancer appended the client's socket.
    expect(resolveClientAddress("10.0.0.2", "198.51.100.9", 1)).toBe("198.51.100.9");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.9", 1)).toBe("198.51.100.9");
    expect(resolveClientAddress("10.0.0.3", "6.6.6.6, 198.51.100.9, 10.0.0.2", 2)).toBe("198.51.100.9");
    // A chain shorter than the hops: the leftmost there is.
    expect(resolveClientAddress("10.0.0.2", "", 1)).toBe("10.0.0.2");
    // A proxy that wrote nonsense gives no address, never the nonsense.
    expect(resolveClientAddress("10.0.0.2", "nimporte quoi", 1)).toBeNull();
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
