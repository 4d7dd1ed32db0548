import "server-only";
import type { z } from "zod";
import { cookies, headers } from "next/headers";
import { AppError, forbidden, unauthorized } from "@/lib/server/errors";
import { getConsoleContext, getUserContext, type ConsoleContext, type UserContext } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/server/permissions";
import { clientIp } from "@/lib/server/request-ip";
import type { ActionFailure, ActionResult, FieldErrors } from "@/lib/action-result";
import type { Caller } from "@/lib/server/actor";
import { type FactorOwner, hostingOwner, userOwner } from "@/lib/server/sign-in/second-factor/owner";
import { getOperatorContext } from "@/lib/auth/operator";
import { type OperatorActionInput, type OperatorActionName, runOperatorAction } from "@/lib/server/operator/operator-actions";

export type { ActionResult, FieldErrors };

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

/** NUL, or half of a UTF-16 pair: text no database keeps as it was typed (PostgreSQL refuses it). */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string of the input that cannot be stored, if any. */
function unstorableField(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === "string") return UNSTORABLE.test(value) ? path : null;
  if (depth > 5 || value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    const found = unstorableField(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The input of every action, checked before anything else: unstorable characters, then the schema.
 * Refusals are French and placed beside their field.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.output<S> } | { ok: false; fieldErrors: FieldErrors } {
  const unstorable = unstorableField(input);
  if (unstorable) return { ok: false, fieldErrors: { [unstorable.join(".") || "form"]: "Ce champ contient un caractère non valide." } };
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
}

/** Known failures become the guides' French messages; anything else a generic one, logged. */
export function failure(error: unknown): ActionFailure {
  if (error instanceof AppError) {
    return error.field ? { ok: false, fieldErrors: { [error.field]: error.message } } : { ok: false, formError: error.message };
  }
  console.error(error);
  return { ok: false, formError: "Une erreur inattendue est survenue. Réessayez dans un instant." };
}

/**
 * Every console action goes through here: the caller must be signed in (checked against the
 * database, not only the cookie), hold the permission, and the licence must be accepted; the
 * input is validated before the handler, which receives the account to scope its queries to.
 */
export function consoleAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  handler: (input: z.output<S>, context: ConsoleContext) => Promise<T>,
  options: { beforeLicence?: boolean } = {},
) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    try {
      const context = await getConsoleContext();
      if (!context) throw unauthorized();
      if (!can(context.role, permission)) throw forbidden();
      if (!context.licenceAccepted && !options.beforeLicence) {
        throw new AppError("LICENCE", "Acceptez d'abord le Contrat de licence.");
      }
      const parsed = validate(schema, input);
      if (!parsed.ok) return parsed;
      return { ok: true, data: await handler(parsed.data, context) };
    } catch (error) {
      return failure(error);
    }
  };
}

/**
 * An action of a signed-in controller user on his own account ("Mes préférences"), checked
 * against the database: disabled or re-passworded, he is refused.
 */
export function userAction<S extends z.ZodType, T>(schema: S, handler: (input: z.output<S>, context: UserContext) => Promise<T>) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    try {
      const context = await getUserContext();
      if (!context) throw unauthorized();
      const parsed = validate(schema, input);
      if (!parsed.ok) return parsed;
      return { ok: true, data: await handler(parsed.data, context) };
    } catch (error) {
      return failure(error);
    }
  };
}

/** The cookies a sign-in leaves (a certificate, a recognised device): never read by scripts, never sent elsewhere. */
function setPrivateCookie(jar: Awaited<ReturnType<typeof cookies>>, name: string, value: string, maxAgeS: number) {
  jar.set(name, value, {
    httpOnly: true,
    sameSite: "strict",
    secure: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
    path: "/",
    maxAge: maxAgeS,
  });
}

/** Who calls a public action: his address and browser, the cookies he holds, and a way to leave one. */
async function callerOfRequest(): Promise<Caller> {
  const [h, jar] = await Promise.all([headers(), cookies()]);
  return {
    ip: clientIp((name) => h.get(name)),
    userAgent: h.get("user-agent") ?? "",
    cookie: (name) => jar.get(name)?.value,
    setCookie: (name, value, maxAgeS) => setPrivateCookie(jar, name, value, maxAgeS),
  };
}

/**
 * An action anyone may call (a sign-in step): what it is given — a password, a token, a signed
 * ticket — is its authorization. The input is validated before `run`, which receives the caller.
 */
export function publicAction<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>, caller: Caller) => Promise<T>) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const parsed = validate(schema, input);
    if (!parsed.ok) return parsed;
    try {
      return { ok: true, data: await run(parsed.data, await callerOfRequest()) };
    } catch (error) {
      return failure(error);
    }
  };
}

/**
 * An action on the caller's own second factors: a signed-in controller user (Mes préférences), or
 * the hosting responsible (Mon compte). Nobody reaches another's: the owner is the session's.
 */
export function ownerAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, owner: FactorOwner, ip: string) => Promise<T>,
) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    try {
      const user = await getUserContext();
      const hosting = user ? null : await getConsoleContext();
      const owner = user
        ? userOwner({ id: user.userId, accountId: user.accountId, loginId: user.loginId })
        : hosting?.role === "HOSTING"
          ? hostingOwner(hosting.accountId)
          : null;
      if (!owner) throw unauthorized();
      const parsed = validate(schema, input);
      if (!parsed.ok) return parsed;
      return { ok: true, data: await handler(parsed.data, owner, (user ?? hosting)!.ip) };
    } catch (error) {
      return failure(error);
    }
  };
}

/**
 * An action of /operateur: the operator's own session (never a school's), then the permission his
 * role holds for this action (checked in runOperatorAction), then the validated input.
 */
export function operatorAction<N extends OperatorActionName, S extends z.ZodType<OperatorActionInput<N>>>(name: N, schema: S) {
  return async (input: z.input<S>): Promise<ActionResult<Awaited<ReturnType<typeof runOperatorAction<N>>>>> => {
    try {
      const operator = await getOperatorContext();
      if (!operator) throw unauthorized();
      const parsed = validate(schema, input);
      if (!parsed.ok) return parsed;
      return { ok: true, data: await runOperatorAction(operator, name, parsed.data as OperatorActionInput<N>) };
    } catch (error) {
      return failure(error);
    }
  };
}
