import { clientIp } from "@/lib/server/request-ip";
import { DIRECTORY_PROOF_COOKIE } from "@/lib/server/directory/cas-sign-in";
import { finishSamlSignIn } from "@/lib/server/directory/saml-sign-in";
import { toConsolePage, withProofCookie } from "@/lib/server/directory/redirects";

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
    const done = await finishSamlSignIn(relayState, response, { ip: clientIp((name) => request.headers.get(name)) });
    const page = toConsolePage("/espace/connexion", { controleur: done.domain, port: String(done.port), suite: "annuaire" });
    return withProofCookie(page, DIRECTORY_PROOF_COOKIE, done.proof);
  } catch (error) {
    return toConsolePage("/espace/connexion", domain ? { controleur: domain } : {}, error);
  }
}
