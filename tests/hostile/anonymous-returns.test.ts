// The anonymous returns and starts of a delegated sign-in write rows and reach the school's
// server. Before, nothing bounded them: 1,000 random tickets from one address wrote 1,000 rows kept
// 24 h and made 1,000 calls to the CAS server; 2,000 SAML starts wrote 2,000 requests.
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CLIENT_HEADER, signClientAddress } from "@/lib/client-address.mjs";
import { saveDelegatedAuth } from "@/lib/server/controller/delegated-auth";
import { GET as casReturn } from "@/app/api/connexion/cas/retour/route";
import { GET as casStart } from "@/app/api/connexion/cas/route";
import { GET as samlStart } from "@/app/api/connexion/saml/route";
import { CAS_DIR, CAS_URL, startCasServer } from "../../scripts/cas-server.mjs";
import { SAML_IDP_METADATA, startSamlIdp } from "../../scripts/saml-idp.mjs";
import { directoryAccount } from "../support/directory-account";

const address = () => `10.77.${randomInt(0, 250)}.${randomInt(1, 250)}`;
const from = (ip: string, cookie = "") => ({
  [CLIENT_HEADER]: signClientAddress(ip, process.env.NEXTAUTH_SECRET!),
  ...(cookie ? { cookie } : {}),
});
const ctx = (accountId: string) => ({ accountId, actor: "responsable", ip: "127.0.0.1" });

describe("The anonymous returns of a delegated sign-in", () => {
  it("throttles 1,000 random tickets from one address after a few; the rows stay bounded", { timeout: 120_000 }, async () => {
    await startCasServer();
    const { account, fqdn } = await directoryAccount([]);
    await saveDelegatedAuth(ctx(account.accountId), "cas", {
      enabled: true,
      serverUrl: CAS_URL,
      version: "3.0",
      caCertificate: readFileSync(`${CAS_DIR}/ca.pem`, "utf8"),
      userAttribute: "",
    });
    const ip = address();
    // The attacker's own sign-in, started once: his state cookie is good, his tickets are not.
    const start = await casStart(new Request(`http://localhost:3000/api/connexion/cas?controleur=${fqdn}`, { headers: from(ip) }));
    const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0];
    const service = new URL(start.headers.get("location")!).searchParams.get("service")!;
    const rowsBefore = await db.usedDirectoryProof.count();
    const codes: Record<string, number> = {};
    const began = performance.now();
    for (let i = 0; i < 1000; i++) {
      const back = await casReturn(new Request(`${service}&ticket=ST-${randomInt(1e9, 1e10)}`, { headers: from(ip, cookie) }));
      const code = new URL(back.headers.get("location")!).searchParams.get("erreur") ?? "aucune";
      codes[code] = (codes[code] ?? 0) + 1;
    }
    const written = (await db.usedDirectoryProof.count()) - rowsBefore;
    console.log(`1,000 random tickets from one address in ${((performance.now() - began) / 1000).toFixed(1)} s:`, codes, `${written} rows`);
    expect(codes.THROTTLED).toBeGreaterThan(950);
    expect(codes.PROOF_REFUSED).toBeLessThanOrEqual(32);
    expect(written).toBeLessThanOrEqual(32);
    // Another address is not held back by this one.
    const other = await casReturn(new Request(`${service}&ticket=ST-${randomInt(1e9, 1e10)}`, { headers: from(address(), cookie) }));
    expect(new URL(other.headers.get("location")!).searchParams.get("erreur")).toBe("PROOF_REFUSED");
  });

  it("throttles 2,000 SAML starts from one address; the requests they write stay bounded", { timeout: 120_000 }, async () => {
    await startSamlIdp();
    const { account, fqdn } = await directoryAccount([]);
    const metadata = await (await fetch(SAML_IDP_METADATA)).text();
    await saveDelegatedAuth(ctx(account.accountId), "saml", { enabled: true, metadata, identifierAttribute: "uid" });
    const ip = address();
    const before = await db.samlRequest.count();
    let throttled = 0;
    for (let i = 0; i < 2000; i++) {
      const start = await samlStart(new Request(`http://localhost:3000/api/connexion/saml?controleur=${fqdn}`, { headers: from(ip) }));
      if ((start.headers.get("location") ?? "").includes("erreur=THROTTLED")) throttled++;
    }
    const written = (await db.samlRequest.count()) - before;
    console.log(`2,000 SAML starts from one address: ${throttled} throttled, ${written} requests written`);
    expect(written).toBeLessThanOrEqual(1005);
    expect(throttled).toBeGreaterThanOrEqual(990);
  });
});
