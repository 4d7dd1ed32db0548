/**
 * The one order of every way in (issue 29): who, then the proof (a password, the school's
 * directory, CAS, SAML, WS-Federation, a letter's token), then the second factor, the personal
 * password, the PIN and the device. Each way in says which later steps it owes this person now;
 * the first owed and not yet done is the next screen. A new step is one more name here, and the
 * ways in that owe it say so.
 */
export const SIGN_IN_STEPS = ["who", "proof", "second-factor", "personal-password", "pin", "device"] as const;
export type SignInStep = (typeof SIGN_IN_STEPS)[number];
export type Owed = Partial<Record<SignInStep, boolean>>;

/** The first step owed, in the sequence's order; every caller has proven who and the proof already. */
export function nextOwed(owed: Owed): SignInStep | null {
  return SIGN_IN_STEPS.find((step) => owed[step]) ?? null;
}
