import { samlSignInUrl } from "@/lib/server/sign-in/directory/saml-sign-in";
import { publicStart, redirectTo } from "@/lib/server/sign-in/directory/redirects";

/** "Se connecter par l'ENT (SAML)": to the IdP of the controller that answers to `controleur`, for this browser's sign-in. */
export const GET = publicStart("/espace/connexion", async (request, back, tag, counted) => {
  const domain = (new URL(request.url).searchParams.get("controleur") ?? "").slice(0, 300);
  back.query = { controleur: domain };
  await counted();
  return redirectTo(await samlSignInUrl(domain, tag));
});
