import { casSignInUrl } from "@/lib/server/sign-in/directory/cas-sign-in";
import { publicStart, redirectTo } from "@/lib/server/sign-in/directory/redirects";

/** "Se connecter avec le CAS": to the CAS server of the controller that answers to `controleur`, for this browser's sign-in. */
export const GET = publicStart("/espace/connexion", async (request, back, tag) => {
  const domain = (new URL(request.url).searchParams.get("controleur") ?? "").slice(0, 300);
  back.query = { controleur: domain };
  return redirectTo(await casSignInUrl(domain, tag));
});
