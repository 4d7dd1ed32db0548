import { clientIp } from "@/lib/server/request-ip";
import { DIRECTORY_PROOF_COOKIE } from "@/lib/server/directory/cas-sign-in";
import { finishSamlSignIn } from "@/lib/server/directory/saml-sign-in";
import { publicRoute, toConsolePage, withProofCookie } from "@/lib/server/directory/redirects";
import { finishEntSamlSignIn } from "@/lib/server/people/ent-saml";
import { ENT_PROOF_COOKIE } from "@/lib/server/people/ent-sign-in";

const MAX_RESPONSE = 500_000;

/** The IdP's response (HTTP-POST binding), for an Espace's SAML ENT or a controller: checked here, then its page goes on. */
export const POST = publicRoute("/espace/connexion", async (request, back) => {
  const form = await request.formData();
  const relayState = String(form.get("RelayState") ?? "").slice(0, 300);
  const response = String(form.get("SAMLResponse") ?? "");
  if (response.length > MAX_RESPONSE) throw new Error("SAMLResponse too large");
  const client = { ip: clientIp((name) => request.headers.get(name)) };
  // An Espace's SAML ENT ("espace:<planning>"), or a controller (its domain).
  const espace = /^espace:(.+)$/.exec(relayState)?.[1];
  if (espace) {
    back.page = "/espace/mobile";
    const done = await finishEntSamlSignIn(espace, response, client);
    return withProofCookie(toConsolePage("/espace/mobile", { adresse: done.address, suite: "ent" }), ENT_PROOF_COOKIE, done.proof);
  }
  back.query = { controleur: relayState };
  const done = await finishSamlSignIn(relayState, response, client);
  const page = toConsolePage("/espace/connexion", { controleur: done.domain, port: String(done.port), suite: "annuaire" });
  return withProofCookie(page, DIRECTORY_PROOF_COOKIE, done.proof);
});
