import "server-only";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/server/errors";
import { consoleUrl } from "@/lib/server/app-url";

/**
 * The ways back of a delegated sign-in (CAS, SAML): to the directory's page, or to one of the
 * console's own pages — never to an address a request names, so no `service`, `RelayState` or
 * query parameter can make the console an open redirect.
 */
export function redirectTo(absoluteUrl: string) {
  return NextResponse.redirect(absoluteUrl, 303);
}

/** One of the console's pages, with its query; `erreur` is a code the page turns into its message. */
export function toConsolePage(path: `/${string}`, query: Record<string, string>, error?: unknown) {
  const code = error === undefined ? null : error instanceof AppError ? error.code : "INTERNAL";
  if (code === "INTERNAL") console.error("directory sign-in:", error);
  const params = new URLSearchParams({ ...query, ...(code ? { erreur: code } : {}) });
  return redirectTo(`${consoleUrl()}${path}?${params}`);
}

/**
 * The directory's proof, carried from the return to the page's next step in an httpOnly cookie
 * for 5 minutes: never in the address. Lax, since it is set on the return from another site.
 */
export function withProofCookie(response: NextResponse, name: string, proof: string) {
  response.cookies.set(name, proof, {
    httpOnly: true,
    sameSite: "lax",
    secure: consoleUrl().startsWith("https://"),
    path: "/",
    maxAge: 300,
  });
  return response;
}

type SignInPage = "/espace/connexion" | "/espace/mobile";

/**
 * The routes of a delegated sign-in (CAS, SAML, the Espaces' ENT), public by nature as the
 * sign-in actions are: what they are given — a ticket, a signed response — is their
 * authorization. Whatever they throw sends the browser back to the console's page `back.page`
 * with the error's code and the query the handler put in `back.query` — never a text, never elsewhere.
 */
export function publicRoute(
  page: SignInPage,
  handler: (request: Request, back: { page: SignInPage; query: Record<string, string> }) => Promise<Response>,
) {
  return async (request: Request): Promise<Response> => {
    const back = { page, query: {} as Record<string, string> };
    try {
      return await handler(request, back);
    } catch (error) {
      return toConsolePage(back.page, back.query, error);
    }
  };
}
