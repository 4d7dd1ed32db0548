import "server-only";
import { AppError } from "@/lib/server/errors";
import { getConsoleContext, type ConsoleContext } from "./session";
import { can, type Permission } from "@/lib/server/permissions";

/**
 * Route handlers authorize themselves as server actions do: a live console session, the
 * permission, the licence accepted. A refusal is a plain French response, never a redirect.
 */
export async function routeContext(permission: Permission): Promise<ConsoleContext | Response> {
  const context = await getConsoleContext();
  if (!context?.licenceAccepted) {
    return new Response("Votre session a expiré : reconnectez-vous à la console d'hébergement.", { status: 401 });
  }
  if (!can(context.role, permission)) return new Response("Vous n'avez pas accès à cette fonction.", { status: 403 });
  return context;
}

/**
 * Every route handler is written through here, as actions through the action client: it
 * authorizes (`routeContext`), hands the handler the caller's context to scope its queries to,
 * and answers a known failure with its French message and the status of its code (ERROR_STATUS).
 */
export function withRoute<P>(permission: Permission, handler: (context: ConsoleContext, request: Request, params: P) => Promise<Response>) {
  return async (request: Request, segment: { params: Promise<P> }): Promise<Response> => {
    const context = await routeContext(permission);
    if (context instanceof Response) return context;
    try {
      return await handler(context, request, await segment.params);
    } catch (error) {
      if (error instanceof AppError) {
        return new Response(error.message, { status: error.status, headers: { "content-type": "text/plain; charset=utf-8" } });
      }
      throw error;
    }
  };
}

/** `attachment; filename=…` for any name, accents included (RFC 6266 / 5987). */
export function attachment(filename: string): string {
  const ascii = filename
    .normalize("NFD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
