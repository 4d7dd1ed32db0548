import "server-only";
import { AppError } from "@/lib/server/errors";
import { hasSecondFactor, userOwner } from "@/lib/server/sign-in/second-factor/owner";
import { startTotpEnrolment } from "@/lib/server/sign-in/second-factor/totp";
import { factorLabel } from "@/lib/server/sign-in/second-factor/owner";
import { addTotpFactor } from "@/lib/server/sign-in/second-factor/manage-factors";
import { verifySecondFactor } from "@/lib/server/sign-in/second-factor/verify-second-factor";
import { afterPassword, loadUser, type SignInClient } from "./state";
import { readTicket } from "@/lib/server/sign-in/ticket";

/** The second-factor step of a controller user's sign-in (lib/server/sign-in/sequence.ts). */
async function atSecondFactor(token: string) {
  const ticket = readTicket(token);
  const loaded = await loadUser(ticket);
  if (ticket.stage !== "password" || loaded.factor) throw new AppError("STEP", "Cette étape n'est pas attendue.");
  return loaded;
}

/** A code of his application, or one of his recovery codes. */
export async function verifyUserSecondFactor(input: { ticket: string; code: string }, client: SignInClient) {
  const loaded = await atSecondFactor(input.ticket);
  const used = await verifySecondFactor(userOwner(loaded.user), input.code, client.ip);
  return { ...(await afterPassword({ ...loaded, factor: true }, client)), usedRecoveryCode: used === "recovery" };
}

/**
 * Required of him and not yet enrolled: he adds an application before going on. Only then: whoever
 * holds the password alone must never add his own application to an account that has one.
 */
async function atEnrolment(token: string) {
  const loaded = await atSecondFactor(token);
  if (await hasSecondFactor(userOwner(loaded.user))) throw new AppError("STEP", "Cette étape n'est pas attendue.");
  return loaded;
}

export async function startUserFactorEnrolment(input: { ticket: string }) {
  const { user } = await atEnrolment(input.ticket);
  const owner = userOwner(user);
  return startTotpEnrolment(owner, await factorLabel(owner));
}

export async function confirmUserFactorEnrolment(
  input: { ticket: string; factorId: string; code: string; name: string },
  client: SignInClient,
) {
  const loaded = await atEnrolment(input.ticket);
  const { recoveryCodes } = await addTotpFactor(userOwner(loaded.user), input, client.ip);
  return { ...(await afterPassword({ ...loaded, factor: true }, client)), recoveryCodes };
}
