import { samlSignInUrl } from "@/lib/server/directory/saml-sign-in";
import { redirectTo, toConsolePage } from "@/lib/server/directory/redirects";

/** "Se connecter par SAML (ENT)": to the IdP of the controller that answers to `controleur`. */
export async function GET(request: Request) {
  const domain = (new URL(request.url).searchParams.get("controleur") ?? "").slice(0, 300);
  try {
    return redirectTo(await samlSignInUrl(domain));
  } catch (error) {
    return toConsolePage("/espace/connexion", { controleur: domain }, error);
  }
}
