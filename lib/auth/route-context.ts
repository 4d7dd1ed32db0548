import "server-only";
import { getConsoleContext, type ConsoleContext } from "./session";
import { can, type Permission } from "./permissions";

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

/** `attachment; filename=…` for any name, accents included (RFC 6266 / 5987). */
export function attachment(filename: string): string {
  const ascii = filename
    .normalize("NFD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
