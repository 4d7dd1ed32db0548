import "server-only";
import { AppError } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { accountCounter, notJudged, reserveTry } from "@/lib/server/sign-in/throttle";
import type { FactorOwner } from "./owner";
import { looksLikeRecoveryCode, normalizeRecoveryCode, spendRecoveryCode } from "./recovery-codes";
import { acceptTotpCode, confirmTotp } from "./totp";

export const WRONG_FACTOR_CODE =
  "Code incorrect : saisissez le code à 6 chiffres de votre application d'authentification, ou l'un de vos codes de secours.";

/** The owner's own counter: only someone past his password reaches it, so it slows him, never a stranger. */
const factorCounter = (owner: FactorOwner) => accountCounter(`factor:${owner.kind}:${owner.id}`);

/**
 * A limited try of a second-factor code: its place is taken on the owner's counter before the code
 * is checked (fifty codes sent at once are judged as fifty in a row: five are free, then each waits
 * twice as long), and a wrong one is journalled. `check` says whether the code is right.
 */
async function limitedTry(owner: FactorOwner, ip: string, check: () => Promise<boolean>): Promise<void> {
  const reservation = await reserveTry([factorCounter(owner)]);
  try {
    if (!(await check())) throw new AppError("CODE", WRONG_FACTOR_CODE, "code");
  } catch (error) {
    if (notJudged(error)) {
      await reservation.cancelled();
      throw error;
    }
    await recordAuditEvent({ accountId: owner.accountId, actor: owner.actor, action: "factor.failure", ip });
    throw error;
  }
  await reservation.succeeded();
}

/**
 * The second-factor step of a sign-in: a code of one of the owner's applications, or one of his
 * recovery codes (spent, and journalled: he will want new ones).
 */
export async function verifySecondFactor(owner: FactorOwner, typed: string, ip: string): Promise<"totp" | "recovery"> {
  const digits = typed.replace(/\s/g, "");
  if (/^\d{6}$/.test(digits)) {
    await limitedTry(owner, ip, () => acceptTotpCode(owner, digits));
    return "totp";
  }
  const code = normalizeRecoveryCode(typed);
  await limitedTry(owner, ip, async () => looksLikeRecoveryCode(code) && (await spendRecoveryCode(owner, code)));
  await recordAuditEvent({ accountId: owner.accountId, actor: owner.actor, action: "factor.recovery-used", ip });
  return "recovery";
}

/** The code that confirms a new application, limited like a sign-in's. */
export async function verifyEnrolmentCode(owner: FactorOwner, factorId: string, typed: string, name: string, ip: string) {
  const digits = typed.replace(/\s/g, "");
  await limitedTry(owner, ip, async () => /^\d{6}$/.test(digits) && (await confirmTotp(owner, factorId, digits, name)));
}
