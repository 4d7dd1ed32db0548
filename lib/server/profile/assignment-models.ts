import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError, isUniqueViolation, notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPlanningOrThrow } from "@/lib/server/planning/get-planning";
import { ADMINISTRATION_STATUSES } from "./assign-profile";
import { inSlices } from "@/lib/server/id-slices";
import type { Actor } from "@/lib/server/actor";

type Entry = { userId: string; profile: string };

/**
 * Adds the entries to the planning: users already assigned there keep their profile, users gone
 * or no longer allowed in Administration are skipped; says how many were added and skipped.
 */
async function addEntries(tx: Tx, ctx: Actor, planningId: string, entries: Entry[]) {
  const users = await inSlices(
    entries.map((e) => e.userId),
    (ids) =>
      tx.controllerUser.findMany({
        where: { accountId: ctx.accountId, id: { in: ids } },
        select: { id: true, status: true, assignments: { where: { planningId }, select: { id: true } } },
      }),
  );
  const byId = new Map(users.map((u) => [u.id, u]));
  const data = entries.filter((e) => {
    const user = byId.get(e.userId);
    if (!user || user.assignments.length > 0) return false;
    return e.profile !== "ADMINISTRATION" || ADMINISTRATION_STATUSES.includes(user.status);
  });
  await tx.profileAssignment.createMany({
    data: data.map((e) => ({ accountId: ctx.accountId, planningId, userId: e.userId, profile: e.profile })),
  });
  return { added: data.length, skipped: entries.length - data.length };
}

/** "Enregistrer les affectations du planning sélectionné dans un modèle". */
export async function saveAssignmentModel(ctx: Actor, planningId: string, name: string) {
  const planning = await getPlanningOrThrow(ctx.accountId, planningId);
  try {
    return await db.$transaction(async (tx) => {
      const assignments = await tx.profileAssignment.findMany({
        where: { planningId: planning.id },
        select: { userId: true, profile: true },
      });
      if (assignments.length === 0) throw new AppError("EMPTY", "Ce planning n'a encore aucune affectation à enregistrer.", "name");
      const model = await tx.assignmentModel.create({
        data: { accountId: ctx.accountId, name, entries: JSON.stringify(assignments) },
        select: { id: true, name: true },
      });
      await recordAuditEvent({ ...ctx, action: "profile.model.save", detail: `${name} (${planning.name})` }, tx);
      return { ...model, count: assignments.length };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("NAME_TAKEN", `Un modèle s'appelle déjà ${name}.`, "name");
    throw error;
  }
}

/** "Appliquer un modèle d'affectation". */
export async function applyAssignmentModel(ctx: Actor, planningId: string, modelId: string) {
  const planning = await getPlanningOrThrow(ctx.accountId, planningId);
  const model = await db.assignmentModel.findFirst({ where: { id: modelId, accountId: ctx.accountId } });
  if (!model) throw notFound();
  return db.$transaction(async (tx) => {
    const outcome = await addEntries(tx, ctx, planning.id, JSON.parse(model.entries) as Entry[]);
    await recordAuditEvent({ ...ctx, action: "profile.model.apply", detail: `${model.name} → ${planning.name}` }, tx);
    return outcome;
  });
}

/** "Récupérer tous les utilisateurs et leurs autorisations" from another planning of the account. */
export async function copyAssignments(ctx: Actor, planningId: string, fromPlanningId: string) {
  const planning = await getPlanningOrThrow(ctx.accountId, planningId);
  const source = await getPlanningOrThrow(ctx.accountId, fromPlanningId);
  if (source.id === planning.id) throw new AppError("SAME", "Choisissez un autre planning que celui-ci.", "fromPlanningId");
  return db.$transaction(async (tx) => {
    const entries = await tx.profileAssignment.findMany({ where: { planningId: source.id }, select: { userId: true, profile: true } });
    const outcome = await addEntries(tx, ctx, planning.id, entries);
    await recordAuditEvent({ ...ctx, action: "profile.copy", detail: `${source.name} → ${planning.name}` }, tx);
    return outcome;
  });
}

export async function listAssignmentModels(accountId: string) {
  return db.assignmentModel.findMany({ where: { accountId }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
