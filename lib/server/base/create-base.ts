import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import type { Grid } from "@/lib/schemas/base";
import { emptyResources } from "@/lib/base-resources";
import { accountVersion } from "@/lib/product-version";
import { AppError, isUniqueViolation } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import {
  getAdministeredPlanning,
  requireControllerRunning,
  requireDomain,
  requireStopped,
} from "@/lib/server/planning/administered-planning";
import type { ConsoleActor } from "@/lib/server/actor";
import { replaceBase } from "./base-row";

const alreadyCreated = () =>
  new AppError("BASE_RACE", "Une base vient d'être créée sur ce planning : la page a été actualisée, vérifiez la base en cours.");

/**
 * F8 Valider: the base is created with its grid and put in service; with the .net licence the
 * planning is published too (Fiche 3: "lors de la mise en service de la base, celle-ci sera
 * automatiquement publiée"). One transaction: a failure anywhere leaves the planning as it was.
 */
export async function createBase(ctx: ConsoleActor, planningId: string, grid: Grid, now: Date = clock.now()) {
  try {
    return await db.$transaction(async (tx) => {
      const planning = await getAdministeredPlanning(ctx, planningId, tx);
      requireControllerRunning(planning);
      requireDomain(planning);
      requireStopped(planning, "créer une nouvelle base");
      const published = planning.netLicence;
      // Only the first of two simultaneous creations finds the planning stopped.
      const claimed = await tx.planning.updateMany({
        where: { id: planning.id, status: "STOPPED" },
        data: { status: "RUNNING", publication: published ? "PUBLISHED" : "UNPUBLISHED" },
      });
      if (claimed.count !== 1) throw alreadyCreated();
      const { name, ...gridOnly } = grid;
      await replaceBase(
        tx,
        { accountId: ctx.accountId, planningId: planning.id },
        {
          name,
          version: accountVersion(planning.account, now),
          grid: gridOnly,
          resources: emptyResources(),
          lastEditedAt: now.toISOString(),
        },
      );
      await recordAuditEvent(
        { ...ctx, action: "base.create", detail: `${planning.name} : ${name}${published ? " (en service, publiée)" : " (en service)"}` },
        tx,
      );
      return { name, status: "RUNNING" as const, published };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyCreated();
    throw error;
  }
}
