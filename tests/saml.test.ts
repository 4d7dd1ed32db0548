import { readFileSync } from "node:fs";
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { saveDelegatedAuth } from "@/lib/server/controller/delegated-auth";
import { resumeDirectorySignIn } from "@/lib/server/sign-in/directory/cas-sign-in";
import { finishSamlSignIn, samlSignInUrl } from "@/lib/server/sign-in/directory/saml-sign-in";
import { chooseSecurityMeasure, completeUserSignIn } from "@/lib/server/sign-in/controller/steps";
import { POST as samlReturn } from "@/app/api/connexion/saml/retour/route";
import { GET as spMetadataRoute } from "@/app/api/connexion/saml/metadata/route";
import { SAML_DIR, SAML_IDP_METADATA, startSamlIdp } from "../scripts/saml-idp.mjs";
import { directoryAccount } from "./support/directory-account";
import { samlResponse } from "./support/saml-login";

/** The tag of the state of the browser that started the sign-in (lib/server/directory/sign-in-state.ts): one browser here. */
const TAG = "etat-du-navigateur";

// A real IdP: Debian's simplesamlphp on loopback (scripts/saml-idp.mjs), its own signing key.
beforeAll(() => startSamlIdp(), 60_000);

const ctx = (accountId: string) => ({ accountId, actor: "responsable", ip: "127.0.0.1" });
const client = (n: number) => ({ ip: `10.5.0.${n}`, userAgent: "Firefox", cookie: () => undefined });

async function samlAccount() {
  const { account, fqdn } = await directoryAccount([
    { loginId: "marc", lastName: "Agent", firstName: "Marc", ids: { casId: "saml.agent" } },
    { loginId: "anne", lastName: "Autre", firstName: "Anne", ids: { casId: "saml.autre" } },
  ]);
  const metadata = await (await fetch(SAML_IDP_METADATA)).text();
  await saveDelegatedAuth(ctx(account.accountId), "saml", { enabled: true, metadata, identifierAttribute: "uid" });
  return { account, fqdn };
}

/** A genuine response of the IdP to a request of the controller at `fqdn`, decoded. */
async function genuine(fqdn: string, login = "saml.agent") {
  const posted = await samlResponse(await samlSignInUrl(fqdn, TAG), login);
  expect(posted.RelayState).toBe(fqdn);
  return Buffer.from(posted.SAMLResponse, "base64").toString("utf8");
}
const encode = (xml: string) => Buffer.from(xml, "utf8").toString("base64");
const parse = (xml: string) => new DOMParser().parseFromString(xml, "text/xml");
const serialize = (doc: ReturnType<typeof parse>) => new XMLSerializer().serializeToString(doc);

function withoutSignatures(xml: string) {
  const doc = parse(xml);
  for (const s of Array.from(doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature"))) s.parentNode!.removeChild(s);
  return serialize(doc);
}

/** Signs the assertion then the response again, with `key`: a response the IdP's key would make, or another's. */
function resign(xml: string, which: "idp" | "other") {
  const privateKey = readFileSync(`${SAML_DIR}/${which}.key`);
  const publicCert = readFileSync(`${SAML_DIR}/${which}.pem`);
  let out = withoutSignatures(xml);
  for (const [target, issuer] of [
    ["//*[local-name(.)='Assertion']", "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']"],
    ["/*[local-name(.)='Response']", "/*[local-name(.)='Response']/*[local-name(.)='Issuer']"],
  ]) {
    const sig = new SignedXml({
      privateKey,
      publicCert,
      signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
      canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    });
    sig.addReference({
      xpath: target,
      transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
      digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    });
    sig.computeSignature(out, { location: { reference: issuer, action: "after" } });
    out = sig.getSignedXml();
  }
  return out;
}

const refused = "n'a pas confirmé votre connexion";

describe("SAML sign-in of the controller's users, against a real IdP", () => {
  it("signs a user whose ENT identity the IdP asserts in; the console's steps follow; the journal says how", async () => {
    const { account, fqdn } = await samlAccount();
    const { proof } = await finishSamlSignIn(fqdn, encode(await genuine(fqdn)), client(1), TAG);
    const resumed = await resumeDirectorySignIn(proof, client(1));
    expect(resumed.step.next).toBe("security");
    expect(resumed.step.displayName).toBe("AGENT Marc");
    const done = await chooseSecurityMeasure({ ticket: resumed.step.ticket, measure: "NONE" }, client(1));
    await completeUserSignIn(done.ticket, "10.5.0.1");
    const journal = await db.auditEvent.findFirstOrThrow({ where: { accountId: account.accountId, action: "user.signin.success" } });
    expect(journal.detail).toBe("fournisseur d'identité SAML");
  });

  it("takes a response once, even posted 50 times at once", async () => {
    const { fqdn } = await samlAccount();
    const response = encode(await genuine(fqdn));
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => finishSamlSignIn(fqdn, response, client(10 + i), TAG)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    await expect(finishSamlSignIn(fqdn, response, client(2), TAG)).rejects.toThrow(refused);
  });

  it("refuses a response unsigned, or signed by another key", async () => {
    const { fqdn } = await samlAccount();
    await expect(finishSamlSignIn(fqdn, encode(withoutSignatures(await genuine(fqdn))), client(3), TAG)).rejects.toThrow(refused);
    await expect(finishSamlSignIn(fqdn, encode(resign(await genuine(fqdn), "other")), client(3), TAG)).rejects.toThrow(refused);
    // The same forgery work, signed with the IdP's own key, passes: the refusals above are the signatures'.
    await expect(finishSamlSignIn(fqdn, encode(resign(await genuine(fqdn), "idp")), client(3), TAG)).resolves.toMatchObject({
      domain: fqdn,
    });
  });

  it("refuses, even signed by the IdP's key, another audience, an expired assertion, an InResponseTo of nobody's request", async () => {
    const { fqdn } = await samlAccount();
    const audience = (await genuine(fqdn)).replace(
      /<saml:Audience>[^<]+<\/saml:Audience>/,
      "<saml:Audience>https://autre.example/sp</saml:Audience>",
    );
    await expect(finishSamlSignIn(fqdn, encode(resign(audience, "idp")), client(4), TAG)).rejects.toThrow(refused);
    const expired = (await genuine(fqdn)).replace(/NotOnOrAfter="[^"]+"/g, 'NotOnOrAfter="2020-01-01T00:00:00Z"');
    await expect(finishSamlSignIn(fqdn, encode(resign(expired, "idp")), client(4), TAG)).rejects.toThrow(refused);
    const unsolicited = (await genuine(fqdn)).replace(/InResponseTo="[^"]+"/g, 'InResponseTo="_forged"');
    await expect(finishSamlSignIn(fqdn, encode(resign(unsolicited, "idp")), client(4), TAG)).rejects.toThrow(refused);
    const elsewhere = (await genuine(fqdn)).replace(/Recipient="[^"]+"/, 'Recipient="https://autre.example/acs"');
    await expect(finishSamlSignIn(fqdn, encode(resign(elsewhere, "idp")), client(4), TAG)).rejects.toThrow(refused);
  });

  it("refuses XML signature wrapping: another identity beside, or around, the signed assertion", async () => {
    const { fqdn } = await samlAccount();
    const NS = "urn:oasis:names:tc:SAML:2.0:assertion";
    for (const variant of ["before", "around"] as const) {
      const doc = parse(await genuine(fqdn));
      const signed = doc.getElementsByTagNameNS(NS, "Assertion")[0];
      const evil = signed.cloneNode(true) as typeof signed;
      evil.setAttribute("ID", "_evil");
      const sig = evil.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature")[0];
      evil.removeChild(sig);
      for (const v of Array.from(evil.getElementsByTagNameNS(NS, "AttributeValue")))
        if (v.textContent === "saml.agent") v.textContent = "saml.autre";
      if (variant === "before") signed.parentNode!.insertBefore(evil, signed);
      else {
        signed.parentNode!.replaceChild(evil, signed);
        evil.appendChild(signed);
      }
      await expect(finishSamlSignIn(fqdn, encode(serialize(doc)), client(5), TAG)).rejects.toThrow(refused);
    }
  });

  it("refuses a response to one controller's request posted for another controller, and is no open redirect", async () => {
    const a = await samlAccount();
    const b = await samlAccount();
    await expect(finishSamlSignIn(b.fqdn, encode(await genuine(a.fqdn)), client(6), TAG)).rejects.toThrow(refused);
    const form = new FormData();
    form.set("SAMLResponse", encode(await genuine(a.fqdn)));
    form.set("RelayState", "https://evil.example/");
    const back = await samlReturn(new Request("http://localhost:3000/api/connexion/saml/retour", { method: "POST", body: form }));
    expect(back.status).toBe(303);
    expect(new URL(back.headers.get("location")!).origin).toBe("http://localhost:3000");
  });

  it("publishes the console's SP metadata and refuses metadata that is not an IdP's", async () => {
    const xml = await (await spMetadataRoute(new Request("http://localhost:3000/api/connexion/saml/metadata"))).text();
    expect(xml).toContain('entityID="http://localhost:3000/api/connexion/saml/metadata"');
    expect(xml).toContain('Location="http://localhost:3000/api/connexion/saml/retour"');
    const { account } = await samlAccount();
    await expect(
      saveDelegatedAuth(ctx(account.accountId), "saml", { enabled: true, metadata: xml, identifierAttribute: "" }),
    ).rejects.toThrow("ce ne sont pas celles d'un fournisseur d'identité");
    await expect(
      saveDelegatedAuth(ctx(account.accountId), "saml", {
        enabled: true,
        metadata: '<!DOCTYPE x [<!ENTITY e "x">]><x/>',
        identifierAttribute: "",
      }),
    ).rejects.toThrow("DTD");
  });
});
