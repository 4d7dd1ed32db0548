import { DIRECTORY_PROOF_COOKIE } from "@/lib/server/sign-in/directory/cas-sign-in";
import { finishSamlSignIn } from "@/lib/server/sign-in/directory/saml-sign-in";
import { publicReturn, toConsolePage, withProofCookie } from "@/lib/server/sign-in/directory/redirects";
import { requireState } from "@/lib/server/sign-in/directory/return-state";
import { finishEntSamlSignIn } from "@/lib/server/sign-in/espace/ent-saml";
import { ENT_PROOF_COOKIE } from "@/lib/server/sign-in/espace/ent-sign-in";

const MAX_RESPONSE = 500_000;

/**
 * The IdP's response (HTTP-POST binding), for an Espace's SAML ENT or a controller, in the browser
 * that started: checked here against that browser's requests, then its page goes on.
 */
export const POST = publicReturn("/espace/connexion", async (request, back, client, judged) => {
  const form = await request.formData();
  const relayState = String(form.get("RelayState") ?? "").slice(0, 300);
  const response = String(form.get("SAMLResponse") ?? "");
  if (response.length > MAX_RESPONSE) throw new Error("SAMLResponse too large");
  // An Espace's SAML ENT ("espace:<planning>"), or a controller (its domain).
  const espace = /^espace:(.+)$/.exec(relayState)?.[1];
  if (espace) back.page = "/espace/mobile";
  else back.query = { controleur: relayState };
  const tag = requireState(request);
  if (espace) {
    const done = await judged(() => finishEntSamlSignIn(espace, response, client, tag));
    return withProofCookie(toConsolePage("/espace/mobile", { adresse: done.address, suite: "ent" }), ENT_PROOF_COOKIE, done.proof);
  }
  const done = await judged(() => finishSamlSignIn(relayState, response, client, tag));
  const page = toConsolePage("/espace/connexion", { controleur: done.domain, port: String(done.port), suite: "annuaire" });
  return withProofCookie(page, DIRECTORY_PROOF_COOKIE, done.proof);
});
