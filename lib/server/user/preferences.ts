import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/server/errors";
import { verifySecret } from "@/lib/server/security/secrets";
import { accountCounter, reserveTry } from "@/lib/server/sign-in/throttle";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Actor } from "@/lib/server/actor";
import { checkedPinHash } from "@/lib/server/sign-in/controller/measure";
import type { Measure } from "@/lib/server/sign-in/controller/state";

/** The signed-in user himself: his actor is his login. */
type UserCtx = Actor & { userId: string };

const actorOf = ({ accountId, actor, ip }: UserCtx): Actor => ({ accountId, actor, ip });

/** "Mes préférences > Sécurité > Sécurisation de mon compte": what the user sees of his own security. */
export async function getSecurityPreferences(ctx: UserCtx) {
  const user = await db.controllerUser.findFirst({
    where: { id: ctx.userId, accountId: ctx.accountId },
    include: {
      devices: {
        where: { revokedAt: null },
        orderBy: { createdAt: "asc" },
        select: { id: true, name: true, createdAt: true, lastUsedAt: true },
      },
      account: { select: { controller: { select: { allowedMeasures: true, pinMinLength: true } } } },
    },
  });
  if (!user) throw notFound();
  return {
    measure: user.securityMeasure as Measure | null,
    devices: user.devices,
    allowedMeasures: user.account.controller!.allowedMeasures.split(",").filter(Boolean) as Measure[],
    pinMinLength: user.account.controller!.pinMinLength,
  };
}

/** Changing the measure or the PIN asks for the password again: a session left open is not enough. */
export async function changeSecurityMeasure(
  ctx: UserCtx,
  input: { password: string; measure: Measure; pin?: string; pinConfirmation?: string },
) {
  const user = await db.controllerUser.findFirst({
    where: { id: ctx.userId, accountId: ctx.accountId },
    omit: { passwordHash: false },
    include: { account: { select: { controller: true } } },
  });
  if (!user?.passwordHash) throw notFound();
  // Limited like a sign-in: a session left open must not become a way to guess the password.
  const reservation = await reserveTry([accountCounter(`recheck:${user.id}`)]);
  if (!(await verifySecret(user.passwordHash, input.password))) {
    throw new AppError("PASSWORD", "Mot de passe incorrect.", "password");
  }
  await reservation.succeeded();
  const controller = user.account.controller!;
  const pinHash = await checkedPinHash(controller, input);
  await db.$transaction(async (tx) => {
    await tx.controllerUser.update({
      where: { id: user.id },
      data: {
        securityMeasure: input.measure,
        pinHash,
        pinFailures: 0,
        pinLockedAt: null,
        pinUnlockCodeHash: null,
        pinUnlockExpiresAt: null,
      },
    });
    await recordAuditEvent({ ...actorOf(ctx), action: "user.security-measure", detail: input.measure }, tx);
  });
}

/** A recognised device removed from the list asks the measure again at its next sign-in. */
export async function revokeDevice(ctx: UserCtx, deviceId: string) {
  const device = await db.recognizedDevice.findFirst({ where: { id: deviceId, userId: ctx.userId, accountId: ctx.accountId } });
  if (!device) throw notFound();
  await db.$transaction(async (tx) => {
    await tx.recognizedDevice.update({ where: { id: device.id }, data: { revokedAt: new Date() } });
    await recordAuditEvent({ ...actorOf(ctx), action: "user.device.revoke", detail: device.name }, tx);
  });
}
