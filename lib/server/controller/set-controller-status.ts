import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Actor } from "@/lib/server/actor";

/** F6 "Activer le contrôleur" / "Désactiver le contrôleur", with the missing step named. */
export async function setControllerStatus(ctx: Actor, running: boolean) {
  return db.$transaction(async (tx) => {
    const controller = await tx.controller.findUnique({ where: { accountId: ctx.accountId }, include: { domain: true } });
    if (!controller) throw notFound();
    if (running) {
      if (!controller.domain) {
        throw new AppError(
          "NO_DOMAIN",
          "Le contrôleur ne peut pas être activé : associez-lui d'abord un nom de domaine dans le volet Configuration (Fiche n°3).",
        );
      }
      const superadmins = await tx.controllerUser.count({ where: { accountId: ctx.accountId, status: "SUPERADMIN" } });
      if (superadmins === 0) {
        throw new AppError(
          "NO_SUPERADMIN",
          "Le contrôleur ne peut pas être activé : créez d'abord le premier superadministrateur (Fiche n°4).",
        );
      }
    }
    const status = running ? "RUNNING" : "STOPPED";
    if (controller.status !== status) {
      await tx.controller.update({ where: { id: controller.id }, data: { status } });
      await recordAuditEvent({ ...ctx, action: running ? "controller.start" : "controller.stop" }, tx);
    }
    return { status };
  });
}
