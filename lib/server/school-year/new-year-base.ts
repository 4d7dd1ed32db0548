import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { emptyResources } from "@/lib/base-resources";
import type { TimetableBase } from "@/lib/generated/prisma/client";
import { schoolYearLabel } from "@/lib/school-calendar";
import { defaultGrid } from "@/lib/timetable-grid";
import { baseContentOf, replaceBase } from "@/lib/server/base/base-row";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Actor } from "@/lib/server/actor";
import { ensureArchived } from "./archive-base";
import { setYearAside } from "./year-data";

type Planning = { id: string; name: string; account: { product: string } };

/**
 * Seed 004: "la création d'une nouvelle base vide" for school year `year`, put in service in place of
 * `base`, whose Espaces stop (the planning is unpublished until the school publishes the new base).
 * The new base keeps the old one's day (sequences, their length, the split, the working days) on
 * the new year's weeks; the year's people and profiles are set aside with the archive (year-data.ts). The old base goes only once its archive is written and read back; of two
 * instances moving the same base, one does. Returns the line the e-mail shows, or null if done.
 */
export async function moveToNewYear(
  actor: Actor & { action: "year.change" | "year.next-base" },
  planning: Planning,
  base: TimetableBase,
  year: number,
  now: Date = clock.now(),
) {
  await ensureArchived(actor, planning, base);
  const old = baseContentOf(planning.account.product, base);
  const { name, ...weeks } = defaultGrid(year);
  const grid = { ...old.grid, firstMonday: weeks.firstMonday, lastSunday: weeks.lastSunday };
  return db.$transaction(async (tx) => {
    const gone = await tx.timetableBase.deleteMany({ where: { id: base.id, version: base.version } });
    if (gone.count !== 1) return null;
    await replaceBase(
      tx,
      { accountId: actor.accountId, planningId: planning.id },
      { name, version: String(year), grid, resources: emptyResources(), lastEditedAt: now.toISOString() },
    );
    await tx.planning.updateMany({ where: { id: planning.id }, data: { publication: "UNPUBLISHED" } });
    await setYearAside(tx, { accountId: actor.accountId, planningId: planning.id, schoolYear: Number(base.version) });
    const line = `${planning.name} : ${name} (${schoolYearLabel(year)}) en service à la place de ${base.name}, archivée`;
    await recordAuditEvent({ ...actor, detail: line }, tx);
    return line;
  });
}
