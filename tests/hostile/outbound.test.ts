// The settings that reach out (LDAP, CAS, an IdP's metadata, the ENT) never lead to this machine,
// the link-local metadata service or a private network. Before, each accepted any host, and the
// answers differed by what stood there: a base administrator mapped the provider's internal ports.
import { describe, expect, it } from "vitest";
import { guardedConnection, OutboundRefused, refusedAddress } from "@/lib/server/directory/outbound";
import { resolveIdpMetadata } from "@/lib/server/directory/saml-metadata";

describe("Outbound addresses", () => {
  it("refuses loopback, link-local, private, shared, documentation and multicast ranges, IPv4-mapped ones too", () => {
    for (const address of [
      "127.0.0.1",
      "127.8.9.10",
      "169.254.169.254",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.0.1",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "64:ff9b::a00:1",
      "pas-une-adresse",
    ]) {
      expect(refusedAddress(address), address).toBe(true);
    }
    for (const address of ["8.8.8.8", "193.49.0.1", "172.32.0.1", "2001:4860:4860::8888"])
      expect(refusedAddress(address), address).toBe(false);
  });

  it("adds the provider's own ranges, and lets through only the hosts it lists", () => {
    const saved = { ...process.env };
    try {
      process.env.OUTBOUND_DENIED_RANGES = "193.49.0.0/16";
      expect(refusedAddress("193.49.7.7")).toBe(true);
      process.env.OUTBOUND_ALLOWED_HOSTS = "annuaire.interne.example:636, 10.9.9.9";
      expect(guardedConnection("annuaire.interne.example", 636)).toEqual({});
      expect(guardedConnection("10.9.9.9", 389)).toEqual({});
      expect(() => guardedConnection("10.9.9.8", 389)).toThrow(OutboundRefused);
      expect(guardedConnection("annuaire.interne.example", 389).lookup).toBeTypeOf("function");
    } finally {
      process.env.OUTBOUND_DENIED_RANGES = saved.OUTBOUND_DENIED_RANGES;
      process.env.OUTBOUND_ALLOWED_HOSTS = saved.OUTBOUND_ALLOWED_HOSTS;
    }
  });

  it("answers an IdP's metadata address one way whatever stands there: refused, closed, or a live server of this machine", async () => {
    const saved = process.env.OUTBOUND_ALLOWED_HOSTS;
    process.env.OUTBOUND_ALLOWED_HOSTS = "127.0.0.1:1";
    try {
      const messages = new Set<string>();
      for (const address of [
        "https://127.0.0.1:1/metadata",
        "https://127.0.0.1:8443/cas/login",
        "https://169.254.169.254/latest/meta-data/",
        "https://localhost:8480/simplesaml/saml2/idp/metadata.php",
      ]) {
        messages.add(
          await resolveIdpMetadata(address).then(
            () => "lues",
            (error: Error) => error.message,
          ),
        );
      }
      expect([...messages]).toHaveLength(1);
      expect([...messages][0]).toContain(
        "Les métadonnées du fournisseur d'identité ne conviennent pas : leur adresse ne les a pas données",
      );
    } finally {
      process.env.OUTBOUND_ALLOWED_HOSTS = saved;
    }
  });
});
