import "server-only";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation, notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { PROFILE_LABELS, type Profile } from "@/lib/schemas/user";
import { getPlanningOrThrow } from "@/lib/server/planning/get-planning";
import { inSlices } from "@/lib/server/id-slices";
import type { Actor } from "@/lib/server/actor";

export const ADMINISTRATION_STATUSES = ["SUPERADMIN", "BASE_ADMIN"];

/** A journal line names the first logins and counts the rest: 3,000 at once stay one short line. */
function listed(logins: string[], shown = 20) {
  return logins.length <= shown ? logins.join(", ") : `${logins.slice(0, shown).join(", ")} et ${logins.length - shown} autre(s)`;
}

/** F5: the ticked users join the profile of the planning, all or none. */
export async function assignProfile(ctx: Actor, planningId: string, profile: Profile, userIds: string[]) {
  const planning = await getPlanningOrThrow(ctx.accountId, planningId);
  const ids = [...new Set(userIds)];
  try {
    await db.$transaction(
      async (tx) => {
        const users = await inSlices(ids, (slice) =>
          tx.controllerUser.findMany({
            where: { id: { in: slice }, accountId: ctx.accountId },
            select: { id: true, loginId: true, status: true },
          }),
        );
        if (users.length !== ids.length) throw notFound();
        if (profile === "ADMINISTRATION" && users.some((u) => !ADMINISTRATION_STATUSES.includes(u.status))) {
          throw new AppError(
            "NOT_ADMIN",
            "Pour le profil Administration, seuls les utilisateurs ayant le statut Superadministrateur ou Administrateur de base sont proposés.",
          );
        }
        await tx.profileAssignment.createMany({
          data: users.map((u) => ({ accountId: ctx.accountId, planningId: planning.id, userId: u.id, profile })),
        });
        await recordAuditEvent(
          {
            ...ctx,
            action: "profile.assign",
            detail: `${planning.name} — ${PROFILE_LABELS[profile]} : ${listed(users.map((u) => u.loginId))}`,
          },
          tx,
        );
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("ALREADY_ASSIGNED", "Un de ces utilisateurs est déjà affecté à un profil de ce planning.");
    }
    throw error;
  }
}

export async function unassignProfile(ctx: Actor, planningId: string, userId: string) {
  const planning = await getPlanningOrThrow(ctx.accountId, planningId);
  await db.$transaction(async (tx) => {
    const assignment = await tx.profileAssignment.findFirst({
      where: { planningId: planning.id, userId, accountId: ctx.accountId },
      include: { user: { select: { loginId: true } } },
    });
    if (!assignment) throw notFound();
    await tx.profileAssignment.delete({ where: { id: assignment.id } });
    await recordAuditEvent({ ...ctx, action: "profile.unassign", detail: `${planning.name} — ${assignment.user.loginId}` }, tx);
  });
}
