import { clientIp } from "@/lib/server/request-ip";
import { ENT_PROOF_COOKIE, finishEntSignIn } from "@/lib/server/people/ent-sign-in";
import { publicRoute, toConsolePage, withProofCookie } from "@/lib/server/directory/redirects";

/** Back from the ENT's CAS server with its ticket: validated here, then the Espace's page goes on. */
export const GET = publicRoute("/espace/mobile", async (request) => {
  const query = new URL(request.url).searchParams;
  const done = await finishEntSignIn(query.get("espace") ?? "", query.get("ticket") ?? "", {
    ip: clientIp((name) => request.headers.get(name)),
  });
  return withProofCookie(toConsolePage("/espace/mobile", { adresse: done.address, suite: "ent" }), ENT_PROOF_COOKIE, done.proof);
});
