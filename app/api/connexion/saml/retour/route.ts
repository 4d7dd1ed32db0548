import { clientIp } from "@/lib/server/request-ip";
import { DIRECTORY_PROOF_COOKIE } from "@/lib/server/directory/cas-sign-in";
import { finishSamlSignIn } from "@/lib/server/directory/saml-sign-in";
import { toConsolePage, withProofCookie } from "@/lib/server/directory/redirects";
import { finishEntSamlSignIn } from "@/lib/server/people/ent-saml";
import { ENT_PROOF_COOKIE } from "@/lib/server/people/ent-sign-in";

async function backToEspace(planningId: string, response: string, request: Request) {
  try {
    const done = await finishEntSamlSignIn(planningId, response, { ip: clientIp((name) => request.headers.get(name)) });
    return withProofCookie(toConsolePage("/espace/mobile", { adresse: done.address, suite: "ent" }), ENT_PROOF_COOKIE, done.proof);
  } catch (error) {
    return toConsolePage("/espace/mobile", {}, error);
  }
}

const MAX_RESPONSE = 500_000;

/** The IdP's response (HTTP-POST binding): checked here, then the sign-in page goes on. */
export async function POST(request: Request) {
  let domain = "";
  try {
    const form = await request.formData();
    const relayState = String(form.get("RelayState") ?? "").slice(0, 300);
    const response = String(form.get("SAMLResponse") ?? "");
    domain = relayState;
    if (response.length > MAX_RESPONSE) throw new Error("SAMLResponse too large");
    // An Espace's SAML ENT ("espace:<planning>"), or a controller (its domain).
    const espace = /^espace:(.+)$/.exec(relayState)?.[1];
    if (espace) return await backToEspace(espace, response, request);
    const done = await finishSamlSignIn(relayState, response, { ip: clientIp((name) => request.headers.get(name)) });
    const page = toConsolePage("/espace/connexion", { controleur: done.domain, port: String(done.port), suite: "annuaire" });
    return withProofCookie(page, DIRECTORY_PROOF_COOKIE, done.proof);
  } catch (error) {
    return toConsolePage("/espace/connexion", domain ? { controleur: domain } : {}, error);
  }
}
