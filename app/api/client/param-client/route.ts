import { attachment, withRoute } from "@/lib/auth/route-context";
import { PARAM_CLIENT_FILENAME, paramClientOf } from "@/lib/server/client/param-client";

/** F10 "Appliquez les paramètres de connexion": the ParamClient file of the caller's account. */
export const GET = withRoute("client", async (context) => {
  const text = await paramClientOf(context);
  return new Response(`\uFEFF${text}`, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": attachment(PARAM_CLIENT_FILENAME),
      "cache-control": "no-store",
    },
  });
});
