import "server-only";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { timeZoneLabel } from "@/lib/time-zones";
import { getPlanningOrThrow } from "./get-planning";
import type { Actor } from "@/lib/server/actor";

/** F3 "Nom du planning" (planning01 by default), unique in the account. */
export async function renamePlanning(ctx: Actor, planningId: string, name: string) {
  const planning = await getPlanningOrThrow(ctx.accountId, planningId);
  if (planning.name === name) return { name };
  try {
    await db.$transaction(async (tx) => {
      await tx.planning.update({ where: { id: planning.id }, data: { name } });
      await recordAuditEvent({ ...ctx, action: "planning.rename", detail: `${planning.name} → ${name}` }, tx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("NAME_TAKEN", `Un autre planning s'appelle déjà ${name}.`, "name");
    }
    throw error;
  }
  return { name };
}

/** F3 "Activer une licence <PRODUIT>.net". */
export async function setPlanningNetLicence(ctx: Actor, planningId: string, enabled: boolean) {
  const planning = await getPlanningOrThrow(ctx.accountId, planningId);
  if (!enabled && planning.publication === "PUBLISHED") {
    throw new AppError("PUBLISHED", "Le planning est publié : arrêtez la publication avant de retirer la licence .net.");
  }
  await db.$transaction(async (tx) => {
    await tx.planning.update({ where: { id: planning.id }, data: { netLicence: enabled } });
    await recordAuditEvent(
      { ...ctx, action: "planning.net-licence", detail: `${planning.name} : ${enabled ? "activée" : "désactivée"}` },
      tx,
    );
  });
  return { enabled };
}

/** F3 "Fuseau horaire". */
export async function setPlanningTimeZone(ctx: Actor, planningId: string, timeZone: string) {
  const planning = await getPlanningOrThrow(ctx.accountId, planningId);
  await db.$transaction(async (tx) => {
    await tx.planning.update({ where: { id: planning.id }, data: { timeZone } });
    await recordAuditEvent({ ...ctx, action: "planning.time-zone", detail: `${planning.name} : ${timeZoneLabel(timeZone)}` }, tx);
  });
  return { timeZone };
}
