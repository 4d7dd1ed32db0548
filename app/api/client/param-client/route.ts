import { attachment, routeContext } from "@/lib/auth/route-context";
import { AppError } from "@/lib/server/errors";
import { PARAM_CLIENT_FILENAME, paramClientOf } from "@/lib/server/client/param-client";

/** F10 "Appliquez les paramètres de connexion": the ParamClient file of the caller's account. */
export async function GET() {
  const context = await routeContext("client");
  if (context instanceof Response) return context;
  try {
    const text = await paramClientOf(context);
    return new Response(`\uFEFF${text}`, {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "content-disposition": attachment(PARAM_CLIENT_FILENAME),
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return new Response(error.message, { status: 409 });
    throw error;
  }
}
