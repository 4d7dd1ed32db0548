import "server-only";
import { db } from "@/lib/db";
import { schoolYearAt, schoolYearLabel, yearlyCalendar } from "@/lib/school-calendar";
import { scheduledTask } from "@/lib/server/actor";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";

/** The oldest school year whose archives are kept at `now`: the last N years before the one under way. */
export function oldestKeptYear(now: Date) {
  return schoolYearAt(now) - yearlyCalendar().archivesKept;
}

/**
 * Archives older than the last ARCHIVE_YEARS_KEPT school years (3 by default) are deleted by the
 * maintenance job, a line in each account's journal saying which. A page of accounts at a time.
 */
export async function purgeOldArchives(now: Date) {
  const limit = oldestKeptYear(now);
  let deleted = 0;
  for (;;) {
    const old = await db.baseArchive.findMany({
      where: { schoolYear: { lt: limit } },
      select: { id: true, accountId: true, schoolYear: true, baseName: true, planning: { select: { name: true } } },
      orderBy: { accountId: "asc" },
      take: 500,
    });
    if (old.length === 0) return deleted;
    const byAccount = new Map<string, typeof old>();
    for (const archive of old) byAccount.set(archive.accountId, [...(byAccount.get(archive.accountId) ?? []), archive]);
    for (const [accountId, archives] of byAccount) {
      await db.$transaction(async (tx) => {
        const gone = await tx.baseArchive.deleteMany({ where: { id: { in: archives.map((a) => a.id) } } });
        deleted += gone.count;
        if (gone.count === 0) return;
        const which = archives.map((a) => `${a.planning.name} ${schoolYearLabel(a.schoolYear)}`).join(", ");
        await recordAuditEvent(
          {
            ...scheduledTask(accountId),
            action: "year.archive.delete",
            detail: `Plus de ${yearlyCalendar().archivesKept} ans : ${which}`.slice(0, 500),
          },
          tx,
        );
      });
    }
  }
}
