/**
 * What every server action answers, readable on both sides: the action client builds it
 * (lib/actions/action-client.ts), the forms and dialogs read it.
 */
export type FieldErrors = Record<string, string>;
export type ActionFailure = { ok: false; formError?: string; fieldErrors?: FieldErrors };
export type ActionResult<T = null> = { ok: true; data: T } | ActionFailure;

/**
 * The one message a dialog without fields shows for a refusal: the form's message, else the first
 * field's, else `fallback`. `fieldFirst` when a field's refusal says more than the form's.
 */
export function failureMessage(result: ActionFailure, fallback: string, fieldFirst = false): string {
  const field = Object.values(result.fieldErrors ?? {})[0];
  return (fieldFirst ? (field ?? result.formError) : (result.formError ?? field)) ?? fallback;
}
