import { DIRECTORY_PROOF_COOKIE, finishCasSignIn } from "@/lib/server/sign-in/directory/cas-sign-in";
import { publicReturn, toConsolePage, withProofCookie } from "@/lib/server/sign-in/directory/redirects";
import { requireState } from "@/lib/server/sign-in/directory/return-state";

/** Back from the CAS server with its ticket, in the browser that started: validated here, then the sign-in page goes on. */
export const GET = publicReturn("/espace/connexion", async (request, back, client, judged) => {
  const query = new URL(request.url).searchParams;
  back.query = { controleur: (query.get("controleur") ?? "").slice(0, 300) };
  const tag = requireState(request, query.get("etat") ?? "");
  const done = await judged(() => finishCasSignIn(back.query.controleur, query.get("ticket") ?? "", client, tag));
  const page = toConsolePage("/espace/connexion", { controleur: done.domain, port: String(done.port), suite: "annuaire" });
  return withProofCookie(page, DIRECTORY_PROOF_COOKIE, done.proof);
});
