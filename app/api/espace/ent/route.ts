import { entSignInUrl } from "@/lib/server/people/ent-sign-in";
import { redirectTo, toConsolePage } from "@/lib/server/directory/redirects";

/** "Se connecter avec l'ENT" at the Espace whose address is `adresse`: to its ENT's CAS server. */
export async function GET(request: Request) {
  const address = (new URL(request.url).searchParams.get("adresse") ?? "").slice(0, 300);
  try {
    return redirectTo(await entSignInUrl(address));
  } catch (error) {
    return toConsolePage("/espace/mobile", { adresse: address }, error);
  }
}
