import "server-only";
import { AppError } from "@/lib/server/errors";
import { httpsGet } from "@/lib/server/directory/https-get";
import { hasDtd, parseXmlDocument } from "@/lib/server/directory/xml";

/** What the console keeps of an IdP's metadata: who it is, where to send the browser, its signing keys. */
export type IdpMetadata = { entityId: string; ssoUrl: string; certificates: string[] };

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";
const REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

const invalid = (why: string) =>
  new AppError("INVALID", `Les métadonnées du fournisseur d'identité ne conviennent pas : ${why}.`, "metadata");

/** An IdP's SAML 2.0 metadata (EntityDescriptor), read by an XML parser; refused, in French, when unusable. */
export function readIdpMetadata(xml: string): IdpMetadata {
  if (hasDtd(xml)) throw invalid("elles contiennent une DTD");
  const doc = parseXmlDocument(xml);
  if (!doc) throw invalid("ce n'est pas du XML");
  const root = doc?.documentElement;
  if (!root || root.namespaceURI !== MD || root.localName !== "EntityDescriptor") throw invalid("il manque l'EntityDescriptor");
  const entityId = root.getAttribute("entityID") ?? "";
  const idp = root.getElementsByTagNameNS(MD, "IDPSSODescriptor")[0];
  if (!entityId || !idp) throw invalid("ce ne sont pas celles d'un fournisseur d'identité (IDPSSODescriptor)");
  const services = Array.from(idp.getElementsByTagNameNS(MD, "SingleSignOnService"));
  const ssoUrl = services.find((s) => s.getAttribute("Binding") === REDIRECT)?.getAttribute("Location") ?? "";
  if (!/^https?:\/\//.test(ssoUrl)) throw invalid("il manque le SingleSignOnService HTTP-Redirect");
  const certificates = Array.from(idp.getElementsByTagNameNS(MD, "KeyDescriptor"))
    .filter((k) => (k.getAttribute("use") ?? "signing") === "signing")
    .flatMap((k) => Array.from(k.getElementsByTagNameNS(DS, "X509Certificate")))
    .map((c) => (c.textContent ?? "").replace(/\s+/g, ""))
    .filter(Boolean);
  if (certificates.length === 0) throw invalid("il manque le certificat de signature");
  return { entityId, ssoUrl, certificates };
}

const UNREAD = "leur adresse ne les a pas données (injoignable, refusée ou sans réponse valable) : collez plutôt leur XML";

/** The metadata typed in the settings: pasted as XML, or an https:// address the console reads once. */
export async function resolveIdpMetadata(typed: string): Promise<IdpMetadata> {
  const text = typed.trim();
  if (text.startsWith("<")) return readIdpMetadata(text);
  if (!/^https:\/\//.test(text)) throw invalid("collez le XML, ou donnez leur adresse https://");
  // One message whatever the network answered (no answer, a certificate, a status, an address
  // refused): the settings are no way to learn what stands behind an address.
  let answer: { status: number; body: string };
  try {
    answer = await httpsGet(text);
  } catch (error) {
    console.warn("saml: metadata address unread", text.slice(0, 200), (error as Error)?.message);
    throw invalid(UNREAD);
  }
  if (answer.status !== 200) {
    console.warn("saml: metadata address answered", answer.status, text.slice(0, 200));
    throw invalid(UNREAD);
  }
  return readIdpMetadata(answer.body);
}
