import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

/**
 * The Content Security Policy of every page: scripts run only from the console itself and with this
 * response's nonce (Next puts it on its own scripts when it finds it in the request's policy), no
 * plug-in, no framing, forms post only here. Styles stay 'unsafe-inline': React's style attributes
 * need it, and a style cannot run code.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * What may be posted without a session: sign-in forms and the like weigh a few kilobytes. The
 * uploads (a base, a CSV file: up to 6 MB) come from signed-in pages. Before this bound a 5.6 MB
 * nested array posted to the public sign-in action held the event loop 1.7–2.8 s each time. It
 * holds for every POST, with or without a `next-action` header: Next parses a multipart POST to
 * a page without one as a form's action (up to its own 6 MB) all the same.
 */
export const ANONYMOUS_ACTION_BYTES = 64 * 1024;
/** An IdP's signed SAML response, posted by the browser to the console's ACS (saml/retour). */
export const SAML_RESPONSE_BYTES = 700 * 1024;

function tooLarge() {
  return new NextResponse("Requête trop volumineuse.", { status: 413, headers: { "content-type": "text/plain; charset=utf-8" } });
}

const anonymousLimit = (path: string) => (path === "/api/connexion/saml/retour" ? SAML_RESPONSE_BYTES : ANONYMOUS_ACTION_BYTES);

/** A body is read after the proxy: its size is decided here, before a byte is parsed. */
async function bodyAllowed(request: NextRequest): Promise<boolean> {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return true;
  const length = Number(request.headers.get("content-length") ?? Number.NaN);
  if (length <= anonymousLimit(request.nextUrl.pathname)) return true;
  // A larger body (or one of unknown length) only with a session cookie that decrypts.
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET }).catch(() => null);
  return token !== null;
}

export async function proxy(request: NextRequest) {
  if (!(await bodyAllowed(request))) return tooLarge();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV !== "production",
    https: (process.env.NEXTAUTH_URL ?? "").startsWith("https:"),
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  // Every answer but the letters' PDF (shown inline by the browser's viewer) carries the policy:
  // pages, their prefetches, route handlers' JSON and files, and the 404 of a path that is none.
  if (!request.nextUrl.pathname.startsWith("/api/courriers/")) response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Everything but the build's static files: prefetches too (a prefetch header once let a request
  // skip this proxy, and with it the body bound).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
