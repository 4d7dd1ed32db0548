import "server-only";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/server/errors";
import { consoleUrl } from "@/lib/server/app-url";
import { givePlaceBackLater, notJudged, reserveTry, returnCounter, startCounter } from "@/lib/server/sign-in/throttle";
import { clientIp } from "@/lib/server/request-ip";
import { newSignInState, withoutStateCookie, withStateCookie } from "@/lib/server/sign-in/directory/return-state";

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
type Back = { page: SignInPage; query: Record<string, string> };

/**
 * The routes of a delegated sign-in (CAS, SAML, the Espaces' ENT), public by nature as the
 * sign-in actions are: what they are given — a ticket, a signed response — is their
 * authorization. Whatever they throw sends the browser back to the console's page `back.page`
 * with the error's code and the query the handler put in `back.query` — never a text, never elsewhere.
 *
 * A start binds the sign-in to this browser: a new state in a cookie, whose tag the handler puts
 * in the service address or the request; a start that writes its request first takes a place on
 * its address's start counter (`counted`). A return
 * consumes that cookie whatever it comes to; the handler checks it (`requireState`) before anything
 * is written or sent, then judges the proof through `judged`, a limited try of its address.
 */
export function publicRoute(page: SignInPage, handler: (request: Request, back: Back) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const back: Back = { page, query: {} };
    try {
      return await handler(request, back);
    } catch (error) {
      return toConsolePage(back.page, back.query, error);
    }
  };
}

export function publicStart(
  page: SignInPage,
  handler: (request: Request, back: Back, tag: string, counted: () => Promise<void>) => Promise<NextResponse>,
) {
  return async (request: Request): Promise<Response> => {
    const back: Back = { page, query: {} };
    try {
      const ip = clientIp((name) => request.headers.get(name));
      // Only a start that writes (a SAML request) takes a place: a CAS start is a redirect.
      const counted = async () => void (await reserveTry([startCounter(ip)]));
      const { state, tag } = newSignInState();
      return withStateCookie(await handler(request, back, tag, counted), state);
    } catch (error) {
      return toConsolePage(back.page, back.query, error);
    }
  };
}

export type Judge = <T>(proof: () => Promise<T>) => Promise<T>;

export function publicReturn(
  page: SignInPage,
  handler: (request: Request, back: Back, client: { ip: string }, judged: Judge) => Promise<Response>,
) {
  return async (request: Request): Promise<Response> => {
    const back: Back = { page, query: {} };
    const ip = clientIp((name) => request.headers.get(name));
    const judged: Judge = async (proof) => {
      const reservation = await reserveTry([returnCounter(ip)]);
      try {
        const done = await proof();
        await reservation.succeeded();
        await givePlaceBackLater(startCounter(ip));
        return done;
      } catch (error) {
        if (notJudged(error)) await reservation.cancelled();
        throw error;
      }
    };
    try {
      return withoutStateCookie(await handler(request, back, { ip }, judged));
    } catch (error) {
      return withoutStateCookie(toConsolePage(back.page, back.query, error));
    }
  };
}
