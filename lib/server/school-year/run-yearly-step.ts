import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { sizeLabel } from "@/lib/file-size";
import { schoolYearLabel, yearChangeOn } from "@/lib/school-calendar";
import { scheduledTask } from "@/lib/server/actor";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { YearlyStepJob } from "@/lib/server/jobs/job-types";
import { ensureArchived } from "./archive-base";
import { moveToNewYear } from "./new-year-base";
import { claimStep, deliverOwedMail, isDone } from "./step-record";
import { emailArchiveDone, emailArchiveFailed, emailArchiveNotice, emailChangeDone, emailChangeNotice } from "./year-mails";
import { ARCHIVE_FAILED } from "./yearly-steps";

const accountOf = (accountId: string) =>
  db.hostingAccount.findUnique({
    where: { id: accountId },
    include: { plannings: { include: { base: true }, orderBy: { position: "asc" } } },
  });

/** The e-mail a week before the archive or the change. */
export async function runYearlyNotice(job: YearlyStepJob) {
  const account = await accountOf(job.accountId);
  if (!account) return;
  await claimStep(job, { mail: [] });
  await deliverOwedMail(job, () =>
    job.step === "ARCHIVE_NOTICE" ? emailArchiveNotice(account, job.year) : emailChangeNotice(account, job.year),
  );
}

/**
 * Early July: every base in service of the school year ending is archived. A failed archive is
 * written in the journal, told to the hosting responsible once a year, and thrown so that the job
 * engine tries again with backoff; the bases are never touched here.
 */
export async function runYearlyArchive(job: YearlyStepJob) {
  const account = await accountOf(job.accountId);
  if (!account) return;
  if (!(await isDone(job))) {
    const actor = scheduledTask(job.accountId);
    const lines: string[] = [];
    for (const planning of account.plannings) {
      const base = planning.base;
      // A pre-version's base of next year is not this year's to archive.
      if (!base || Number(base.version) >= job.year) continue;
      try {
        const archive = await ensureArchived(actor, { ...planning, account }, base);
        lines.push(`${planning.name} : ${base.name}, ${schoolYearLabel(archive.schoolYear)} (${sizeLabel(archive.size)})`);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await recordAuditEvent({ ...actor, action: "year.archive.failed", detail: `${planning.name} : ${reason}`.slice(0, 500) });
        const failed = { ...job, step: ARCHIVE_FAILED };
        await claimStep(failed, { mail: [planning.name, reason] });
        await deliverOwedMail(failed, ([name, why]) => emailArchiveFailed(account, name, why));
        throw error;
      }
    }
    await claimStep(job, { mail: lines });
  }
  await deliverOwedMail(job, (lines) => emailArchiveDone(account, job.year, lines));
}

/**
 * The end of August: the account moves to version `year`, and each planning's base of an earlier
 * year is archived (if July's did not) and replaced by a new empty base; a pre-version's base of
 * `year`, created in July, is left as it is. Last year's letter codes that never served expire.
 * Resumable: a run stopped half-way finds the bases already moved and goes on with the others.
 */
export async function runYearlyChange(job: YearlyStepJob) {
  const account = await accountOf(job.accountId);
  if (!account) return;
  const { accountId, year } = job;
  if (!(await isDone(job))) {
    const actor = { ...scheduledTask(accountId), action: "year.change" as const };
    for (const planning of account.plannings) {
      if (!planning.base || Number(planning.base.version) >= year) continue;
      await moveToNewYear(actor, { ...planning, account }, planning.base, year);
    }
    // What was moved, by whichever run (a killed one, a second instance): each move wrote its
    // journal line in its own transaction, once.
    const moved = (
      await db.auditEvent.findMany({
        where: { accountId, action: "year.change", detail: { contains: `(${schoolYearLabel(year)}) en service à la place de` } },
        select: { detail: true },
        orderBy: { createdAt: "asc" },
      })
    ).map((line) => line.detail);
    const recorded = Number(account.version);
    const behind = !(Number.isInteger(recorded) && recorded >= year);
    if (behind) await db.hostingAccount.updateMany({ where: { id: accountId }, data: { version: String(year) } });
    const expired = await db.letterToken.updateMany({
      where: { accountId, usedAt: null, revokedAt: null, createdAt: { lt: yearChangeOn(year) } },
      data: { revokedAt: clock.now() },
    });
    // An account already on this version with nothing to move (opened just before, or on the
    // pre-version with its bases made) is told nothing.
    const told = behind || moved.length > 0;
    await claimStep(job, {
      mail: told ? moved : null,
      line: told
        ? {
            ...actor,
            detail: `Version ${year} : ${moved.length} base(s) mise(s) en service, ${expired.count} code(s) de courrier expiré(s)`,
          }
        : undefined,
    });
  }
  await deliverOwedMail(job, (lines) => emailChangeDone(account, year, lines));
}
