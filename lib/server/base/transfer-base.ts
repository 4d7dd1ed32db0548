import "server-only";
import { db } from "@/lib/db";
import { readResources } from "@/lib/base-resources";
import { AppError } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getAdministeredPlanning } from "@/lib/server/planning/administered-planning";
import { BASE_FILE_EXTENSION, encodeBaseFile } from "./base-file";
import type { ConsoleActor } from "@/lib/server/actor";

/** "Transférer la base": the current base as a versioned, checksummed file. */
export async function transferBase(ctx: ConsoleActor, planningId: string) {
  const planning = await getAdministeredPlanning(ctx, planningId);
  const base = planning.base;
  if (!base) throw new AppError("NO_BASE", "Aucune base chargée : créez ou chargez d'abord une base.");
  const bytes = encodeBaseFile({
    product: planning.account.product,
    version: base.version,
    name: base.name,
    grid: {
      firstMonday: base.firstMonday,
      lastSunday: base.lastSunday,
      workingDays: base.workingDays.split(",").map(Number),
      sequencesPerDay: base.sequencesPerDay,
      sequenceMinutes: base.sequenceMinutes,
      split: base.split,
    },
    resources: readResources(base.resources),
    lastEditedAt: base.lastEditedAt.toISOString(),
  });
  await recordAuditEvent({ ...ctx, action: "base.transfer", detail: `${planning.name} : ${base.name}` }, db);
  const stem = `${planning.name}-${base.name}-v${base.version}`.replace(/[^\p{L}\p{N}._-]+/gu, "_");
  return { filename: `${stem}${BASE_FILE_EXTENSION}`, bytes };
}
