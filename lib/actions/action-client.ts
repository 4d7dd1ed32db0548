import "server-only";
import type { z } from "zod";
import { AppError, unauthorized } from "@/lib/server/errors";
import { getConsoleContext, type ConsoleContext } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/server/errors";

export type FieldErrors = Record<string, string>;
export type ActionResult<T = null> = { ok: true; data: T } | { ok: false; formError?: string; fieldErrors?: FieldErrors };

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
export function failure(error: unknown): { ok: false; formError?: string; fieldErrors?: FieldErrors } {
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
 * An action anyone may call (a sign-in step): what it is given — a password, a token, a signed
 * ticket — is its authorization. The input is validated before `run`.
 */
export function publicAction<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>) => Promise<T>) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const parsed = validate(schema, input);
    if (!parsed.ok) return parsed;
    try {
      return { ok: true, data: await run(parsed.data) };
    } catch (error) {
      return failure(error);
    }
  };
}
