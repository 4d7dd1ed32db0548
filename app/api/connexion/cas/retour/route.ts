import { clientIp } from "@/lib/server/request-ip";
import { DIRECTORY_PROOF_COOKIE, finishCasSignIn } from "@/lib/server/directory/cas-sign-in";
import { toConsolePage, withProofCookie } from "@/lib/server/directory/redirects";

/** Back from the CAS server with its ticket: validated here, then the sign-in page goes on. */
export async function GET(request: Request) {
  const query = new URL(request.url).searchParams;
  const domain = (query.get("controleur") ?? "").slice(0, 300);
  try {
    const done = await finishCasSignIn(domain, query.get("ticket") ?? "", { ip: clientIp((name) => request.headers.get(name)) });
    const page = toConsolePage("/espace/connexion", { controleur: done.domain, port: String(done.port), suite: "annuaire" });
    return withProofCookie(page, DIRECTORY_PROOF_COOKIE, done.proof);
  } catch (error) {
    return toConsolePage("/espace/connexion", { controleur: domain }, error);
  }
}
