import "server-only";
import type { Tx } from "@/lib/db";
import type { TimetableBase } from "@/lib/generated/prisma/client";
import { readResources } from "@/lib/base-resources";
import { decodeWorkingDays, encodeWorkingDays } from "@/lib/timetable-grid";
import type { BaseFileContent } from "./base-file";

/**
 * A planning's base as a row and as a base file's content: the one translation between them, used
 * by "Créer une nouvelle base", "Charger une base", "Transférer la base", the July archive and the
 * end-of-August change.
 */
export function baseContentOf(product: string, base: TimetableBase): BaseFileContent {
  return {
    product,
    version: base.version,
    name: base.name,
    grid: {
      firstMonday: base.firstMonday,
      lastSunday: base.lastSunday,
      workingDays: decodeWorkingDays(base.workingDays),
      sequencesPerDay: base.sequencesPerDay,
      sequenceMinutes: base.sequenceMinutes,
      split: base.split,
    },
    resources: readResources(base.resources),
    lastEditedAt: base.lastEditedAt.toISOString(),
  };
}

/** Puts `content` in service in the planning, in place of whatever base it held. */
export async function replaceBase(tx: Tx, at: { accountId: string; planningId: string }, content: Omit<BaseFileContent, "product">) {
  const { grid } = content;
  await tx.timetableBase.deleteMany({ where: { planningId: at.planningId } });
  return tx.timetableBase.create({
    data: {
      accountId: at.accountId,
      planningId: at.planningId,
      name: content.name,
      version: content.version,
      firstMonday: grid.firstMonday,
      lastSunday: grid.lastSunday,
      workingDays: encodeWorkingDays(grid.workingDays),
      sequencesPerDay: grid.sequencesPerDay,
      sequenceMinutes: grid.sequenceMinutes,
      split: grid.split,
      resources: JSON.stringify(content.resources),
      lastEditedAt: new Date(content.lastEditedAt),
    },
  });
}
