import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { type FactorOwner, ownedBy, secondFactorRequired } from "./owner";
import { issueRecoveryCodes, recoveryCodesLeft } from "./recovery-codes";
import { verifyEnrolmentCode } from "./verify-second-factor";

export const FACTOR_KINDS = { TOTP: "Application d'authentification", PASSKEY: "Clé d'accès" } as const;

/** What "Double authentification" shows its owner: his confirmed factors and the recovery codes left. */
export async function secondFactorsOf(owner: FactorOwner) {
  const [factors, codesLeft, required] = await Promise.all([
    db.secondFactor.findMany({
      where: { ...ownedBy(owner), confirmedAt: { not: null } },
      select: { id: true, kind: true, name: true, confirmedAt: true, lastUsedAt: true },
      orderBy: { confirmedAt: "asc" },
    }),
    recoveryCodesLeft(owner),
    secondFactorRequired(owner),
  ]);
  return { factors, codesLeft, required };
}

/**
 * A new application confirmed by its first code. The first factor brings the ten recovery codes,
 * returned once; later ones keep the codes the owner already noted.
 */
export async function addTotpFactor(owner: FactorOwner, input: { factorId: string; code: string; name: string }, ip: string) {
  const name = input.name.trim().slice(0, 60) || FACTOR_KINDS.TOTP;
  await verifyEnrolmentCode(owner, input.factorId, input.code, name, ip);
  const recoveryCodes = (await recoveryCodesLeft(owner)) === 0 ? await issueRecoveryCodes(owner) : null;
  await recordAuditEvent({ accountId: owner.accountId, actor: owner.actor, action: "factor.add", detail: name, ip });
  return { recoveryCodes };
}

/**
 * The owner's own row, written first in a transaction that counts his factors: two removals at once
 * wait for each other (on PostgreSQL; SQLite's transactions are serial already), so that neither
 * counts the other's factor as still there and both take the last two away.
 */
async function lockOwner(tx: Tx, owner: FactorOwner) {
  const touch = { data: { sessionVersion: { increment: 0 } } };
  if (owner.kind === "HOSTING") await tx.hostingAccount.updateMany({ where: { id: owner.accountId }, ...touch });
  else if (owner.kind === "USER") await tx.controllerUser.updateMany({ where: { id: owner.id, accountId: owner.accountId }, ...touch });
  else await tx.operator.updateMany({ where: { id: owner.id }, ...touch });
}

/** Removes one factor; the last one goes only when nothing requires a second factor of him, and takes the codes with it. */
export async function removeSecondFactor(owner: FactorOwner, factorId: string, ip: string) {
  const required = await secondFactorRequired(owner);
  await db.$transaction(async (tx) => {
    await lockOwner(tx, owner);
    const factor = await tx.secondFactor.findFirst({ where: { ...ownedBy(owner), id: factorId }, select: { id: true, name: true } });
    if (!factor) throw new AppError("NOT_FOUND", "Ce moyen de double authentification n'existe plus.");
    const others = await tx.secondFactor.count({ where: { ...ownedBy(owner), confirmedAt: { not: null }, id: { not: factor.id } } });
    if (others === 0 && required) {
      throw new AppError(
        "STEP",
        "La double authentification est obligatoire pour votre compte : ajoutez un autre moyen avant de retirer celui-ci.",
      );
    }
    await tx.secondFactor.delete({ where: { id: factor.id } });
    if (others === 0) await tx.recoveryCode.deleteMany({ where: ownedBy(owner) });
    await recordAuditEvent({ accountId: owner.accountId, actor: owner.actor, action: "factor.remove", detail: factor.name, ip }, tx);
  });
}

/** "Générer de nouveaux codes de secours": the old ones die; only for an owner who has a factor. */
export async function renewRecoveryCodes(owner: FactorOwner, ip: string) {
  const factors = await db.secondFactor.count({ where: { ...ownedBy(owner), confirmedAt: { not: null } } });
  if (factors === 0) throw new AppError("STEP", "Ajoutez d'abord une application d'authentification.");
  const codes = await issueRecoveryCodes(owner);
  await recordAuditEvent({ accountId: owner.accountId, actor: owner.actor, action: "factor.recovery-codes", ip });
  return codes;
}
