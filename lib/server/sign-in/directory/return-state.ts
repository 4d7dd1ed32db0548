import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { NextResponse } from "next/server";
import { AppError } from "@/lib/server/errors";
import { consoleUrl } from "@/lib/server/app-url";
import { parseCookies } from "@/lib/server/request-ip";

/**
 * A delegated sign-in (CAS, SAML, the Espaces' ENT) is bound to the browser that started it: a
 * random value in an httpOnly cookie, set when the sign-in starts, whose tag travels in the CAS
 * service address or scopes the SAML request; the return is taken only with that cookie, and
 * consumes it. Without this, an attacker who stopped his own sign-in before its return could send
 * a victim's browser there: the victim would be signed in as the attacker (a login CSRF), or link
 * his Espace's person to the attacker's ENT identity for good.
 *
 * SameSite None (and Secure) over https and on localhost: the SAML response is posted back from the
 * identity provider's site, and a Lax cookie would not come with it; Lax on any other http address.
 * The protection is the match of the value, not SameSite.
 */
export const SIGN_IN_STATE_COOKIE = "signin-state";
/** As long as a SAML request lives: a sign-in not back within it starts again. */
const STATE_MAX_AGE_S = 600;

export const STATE_REFUSED =
  "Cette connexion n'a pas été commencée dans ce navigateur, ou elle a expiré : recommencez-la depuis la page de connexion.";

/** What travels in the service address or scopes the request: a digest of the cookie's value, never the value. */
export const stateTag = (state: string) => createHash("sha256").update(`signin-state:${state}`).digest("base64url").slice(0, 22);

/** A new state for a sign-in that starts: the value for the cookie, and its tag. */
export function newSignInState() {
  const state = randomBytes(32).toString("base64url");
  return { state, tag: stateTag(state) };
}

function cookieOptions(maxAge: number) {
  // Browsers hold http://localhost as secure: the tests' console keeps the cookie of production.
  const url = new URL(consoleUrl());
  const secure = url.protocol === "https:" || url.hostname === "localhost";
  return { httpOnly: true, secure, sameSite: secure ? ("none" as const) : ("lax" as const), path: "/api/", maxAge };
}

export function withStateCookie(response: NextResponse, state: string) {
  response.cookies.set(SIGN_IN_STATE_COOKIE, state, cookieOptions(STATE_MAX_AGE_S));
  return response;
}

/** The return consumes the state, whatever it comes to. */
export function withoutStateCookie(response: Response) {
  const options = cookieOptions(0);
  response.headers.append(
    "set-cookie",
    `${SIGN_IN_STATE_COOKIE}=; Path=${options.path}; Max-Age=0; HttpOnly; SameSite=${options.sameSite === "none" ? "None" : "Lax"}${
      options.secure ? "; Secure" : ""
    }`,
  );
  return response;
}

/** The state this browser holds, from the request's cookies. */
export const presentedState = (request: Request) => parseCookies(request.headers.get("cookie"))[SIGN_IN_STATE_COOKIE] ?? "";

/**
 * The tag of the state this browser holds, refused when it has none, or when the return names
 * another one (`expected`: the tag the CAS service address carried; none for SAML, whose request
 * is looked up under the browser's own tag).
 */
export function requireState(request: Request, expected?: string): string {
  const state = presentedState(request);
  if (!state) throw new AppError("STATE", STATE_REFUSED);
  const tag = stateTag(state);
  if (expected !== undefined && (expected.length !== tag.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(tag)))) {
    throw new AppError("STATE", STATE_REFUSED);
  }
  return tag;
}
