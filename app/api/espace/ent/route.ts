import { entSignInUrl } from "@/lib/server/sign-in/espace/ent-sign-in";
import { publicStart, redirectTo } from "@/lib/server/sign-in/directory/redirects";

/** "Se connecter avec l'ENT" at the Espace whose address is `adresse`: to its ENT's CAS server or IdP, for this browser's sign-in. */
export const GET = publicStart("/espace/mobile", async (request, back, tag, counted) => {
  const address = (new URL(request.url).searchParams.get("adresse") ?? "").slice(0, 300);
  back.query = { adresse: address };
  return redirectTo(await entSignInUrl(address, tag, counted));
});
