import { casSignInUrl } from "@/lib/server/directory/cas-sign-in";
import { redirectTo, toConsolePage } from "@/lib/server/directory/redirects";

/** "Se connecter avec le CAS": to the CAS server of the controller that answers to `controleur`. */
export async function GET(request: Request) {
  const domain = (new URL(request.url).searchParams.get("controleur") ?? "").slice(0, 300);
  try {
    return redirectTo(await casSignInUrl(domain));
  } catch (error) {
    return toConsolePage("/espace/connexion", { controleur: domain }, error);
  }
}
