import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { codeDigest, digestMatches, inLane, randomPassword, verifyAgainstNothing, verifySecret } from "@/lib/server/security/secrets";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { accountCounter, addressCounter, notJudged, reserveTry } from "@/lib/server/sign-in/throttle";
import { sendPinLockedMail } from "./mails";
import type { Loaded, SignInClient } from "./state";

const UNLOCK_CODE_LIFETIME_MS = 24 * 3600 * 1000;

/** Locks the device sign-in and e-mails a code that, typed back with the password, unlocks it. */
export async function lockPin(user: Loaded["user"]) {
  const code = randomPassword(8);
  // Conditional: one lock, one code, one e-mail, however many tries reached the tenth place.
  const { count } = await db.controllerUser.updateMany({
    where: { id: user.id, pinLockedAt: null },
    data: {
      pinLockedAt: new Date(),
      pinUnlockCodeHash: codeDigest("pin-unlock", code),
      pinUnlockExpiresAt: new Date(Date.now() + UNLOCK_CODE_LIFETIME_MS),
    },
  });
  if (count === 0) return;
  await recordAuditEvent({ accountId: user.accountId, actor: user.loginId, action: "user.pin.locked" });
  await sendPinLockedMail(user, code);
}

/** The e-mail link's page: login id, password and the code unlock the PIN sign-in. */
export async function unlockPinWithCode(input: { domain: string; loginId: string; password: string; code: string }, client: SignInClient) {
  const fqdn = input.domain.trim().toLowerCase();
  const domain = await db.domain.findUnique({ where: { fqdn }, select: { accountId: true, controllerId: true } });
  if (!domain?.controllerId) throw new AppError("NO_CONTROLLER", "Aucun contrôleur ne répond à ce nom de domaine.", "domain");
  const loginKey = input.loginId.trim().toLowerCase();
  return inLane("anonymous", async () => {
    const reservation = await reserveTry([accountCounter(`unlock:${domain.accountId}:${loginKey}`), addressCounter(client.ip)]);
    const user = await db.controllerUser.findUnique({
      where: { accountId_loginKey: { accountId: domain.accountId, loginKey } },
      omit: { passwordHash: false, pinUnlockCodeHash: false },
    });
    const passwordOk = await (user?.passwordHash
      ? verifySecret(user.passwordHash, input.password, "anonymous")
      : verifyAgainstNothing(input.password)
    ).catch(async (error) => {
      if (notJudged(error)) await reservation.cancelled();
      throw error;
    });
    const valid =
      user &&
      passwordOk &&
      digestMatches(user.pinUnlockCodeHash, codeDigest("pin-unlock", input.code.trim())) &&
      user.pinUnlockExpiresAt !== null &&
      user.pinUnlockExpiresAt > new Date();
    if (!user || !valid) {
      throw new AppError("INVALID", "Identifiant, mot de passe ou code de déblocage incorrect (ou code expiré).");
    }
    await reservation.succeeded();
    await db.$transaction(async (tx) => {
      await tx.controllerUser.update({
        where: { id: user.id },
        data: { pinFailures: 0, pinLockedAt: null, pinUnlockCodeHash: null, pinUnlockExpiresAt: null },
      });
      await recordAuditEvent({ accountId: user.accountId, actor: user.loginId, action: "user.pin.unlock", ip: client.ip }, tx);
    });
  });
}
