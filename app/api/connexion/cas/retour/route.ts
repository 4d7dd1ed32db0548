import { clientIp } from "@/lib/server/request-ip";
import { DIRECTORY_PROOF_COOKIE, finishCasSignIn } from "@/lib/server/directory/cas-sign-in";
import { publicRoute, toConsolePage, withProofCookie } from "@/lib/server/directory/redirects";

/** Back from the CAS server with its ticket: validated here, then the sign-in page goes on. */
export const GET = publicRoute("/espace/connexion", async (request, back) => {
  const query = new URL(request.url).searchParams;
  back.query = { controleur: (query.get("controleur") ?? "").slice(0, 300) };
  const done = await finishCasSignIn(back.query.controleur, query.get("ticket") ?? "", {
    ip: clientIp((name) => request.headers.get(name)),
  });
  const page = toConsolePage("/espace/connexion", { controleur: done.domain, port: String(done.port), suite: "annuaire" });
  return withProofCookie(page, DIRECTORY_PROOF_COOKIE, done.proof);
});
