import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/server/errors";
import type { ConsoleActor } from "@/lib/server/actor";

/**
 * F7: the plannings a caller administers — all of the account's for the hosting responsible and
 * superadministrators; for a base administrator, those where he is in the Administration profile.
 */
export function administeredPlannings(ctx: Pick<ConsoleActor, "accountId" | "role" | "userId">) {
  if (ctx.role === "BASE_ADMIN") {
    return { accountId: ctx.accountId, assignments: { some: { userId: ctx.userId ?? "", profile: "ADMINISTRATION" } } };
  }
  return { accountId: ctx.accountId };
}

/** One of them, with what its commands check; any other id answers "not found" (X3). */
export async function getAdministeredPlanning(ctx: ConsoleActor, planningId: string, tx: Tx | typeof db = db) {
  const planning = await tx.planning.findFirst({
    where: { id: planningId, ...administeredPlannings(ctx) },
    include: {
      domain: true,
      base: true,
      account: { select: { product: true, rne: true, preVersion: true, controller: { select: { status: true } } } },
    },
  });
  if (!planning) throw notFound();
  return planning;
}

export type AdministeredPlanning = Awaited<ReturnType<typeof getAdministeredPlanning>>;

/** The preconditions of the guide's order (X1), each naming the step that is missing. */
export function requireControllerRunning(planning: AdministeredPlanning) {
  if (planning.account.controller?.status !== "RUNNING") {
    throw new AppError(
      "CONTROLLER_STOPPED",
      "Le contrôleur n'est pas en service : activez-le d'abord depuis le volet Contrôleur (Fiche n°5).",
    );
  }
}

export function requireDomain(planning: AdministeredPlanning) {
  if (!planning.domain) {
    throw new AppError(
      "NO_DOMAIN",
      `Le planning ${planning.name} n'a pas de nom de domaine : le responsable de l'hébergement doit l'associer dans le volet Configuration (Fiche n°3).`,
    );
  }
}

export function requireStopped(planning: AdministeredPlanning, what: string) {
  if (planning.status !== "STOPPED") {
    throw new AppError("RUNNING", `Le serveur est en service : cliquez d'abord sur « Arrêter le serveur » pour ${what}.`);
  }
}

/** F7's list, in licence order. */
export async function listAdministeredPlannings(ctx: Pick<ConsoleActor, "accountId" | "role" | "userId">) {
  return db.planning.findMany({
    where: administeredPlannings(ctx),
    include: { domain: true, base: true },
    orderBy: { position: "asc" },
  });
}
