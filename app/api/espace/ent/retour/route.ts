import { ENT_PROOF_COOKIE, finishEntSignIn } from "@/lib/server/sign-in/espace/ent-sign-in";
import { publicReturn, toConsolePage, withProofCookie } from "@/lib/server/sign-in/directory/redirects";
import { requireState } from "@/lib/server/sign-in/directory/return-state";

/** Back from the ENT's CAS server with its ticket, in the browser that started: validated here, then the Espace's page goes on. */
export const GET = publicReturn("/espace/mobile", async (request, _back, client, judged) => {
  const query = new URL(request.url).searchParams;
  const tag = requireState(request, query.get("etat") ?? "");
  const done = await judged(() => finishEntSignIn(query.get("espace") ?? "", query.get("ticket") ?? "", client, tag));
  return withProofCookie(toConsolePage("/espace/mobile", { adresse: done.address, suite: "ent" }), ENT_PROOF_COOKIE, done.proof);
});
