import "server-only";
import { z } from "zod";
import { AppError, unauthorized } from "@/lib/server/errors";
import { getConsoleContext, type ConsoleContext } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/server/errors";

export type FieldErrors = Record<string, string>;
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; formError?: string; fieldErrors?: FieldErrors };

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
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
      const parsed = schema.safeParse(input);
      if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
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
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    try {
      return { ok: true, data: await run(parsed.data) };
    } catch (error) {
      return failure(error);
    }
  };
}
