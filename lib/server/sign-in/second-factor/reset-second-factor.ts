import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { type FactorOwner, ownedBy } from "./owner";

/**
 * A lost device without its recovery codes: the provider removes the owner's applications and
 * codes, and his sessions end (whoever held the device is out). Written in the school's journal in
 * words it reads; the owner adds a new application at his next sign-in where one is required.
 */
export async function resetSecondFactor(owner: FactorOwner, by: { actor: string; ip?: string }) {
  return db.$transaction(async (tx) => {
    const removed = await tx.secondFactor.deleteMany({ where: ownedBy(owner) });
    await tx.recoveryCode.deleteMany({ where: ownedBy(owner) });
    const bump = { sessionVersion: { increment: 1 } };
    if (owner.kind === "HOSTING") await tx.hostingAccount.update({ where: { id: owner.accountId }, data: bump });
    else if (owner.kind === "USER") await tx.controllerUser.update({ where: { id: owner.id }, data: bump });
    else await tx.operator.update({ where: { id: owner.id }, data: bump });
    await recordAuditEvent(
      {
        accountId: owner.accountId,
        actor: by.actor,
        action: "factor.reset",
        detail: owner.kind === "HOSTING" ? "responsable de l'hébergement" : owner.actor,
        ip: by.ip,
      },
      tx,
    );
    return { removed: removed.count };
  });
}
