import { entSignInUrl } from "@/lib/server/people/ent-sign-in";
import { publicRoute, redirectTo } from "@/lib/server/directory/redirects";

/** "Se connecter avec l'ENT" at the Espace whose address is `adresse`: to its ENT's CAS server or IdP. */
export const GET = publicRoute("/espace/mobile", async (request, back) => {
  const address = (new URL(request.url).searchParams.get("adresse") ?? "").slice(0, 300);
  back.query = { adresse: address };
  return redirectTo(await entSignInUrl(address));
});
