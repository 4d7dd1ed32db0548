import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { schoolYearLabel, yearChangeOn } from "@/lib/school-calendar";
import { scheduledTask } from "@/lib/server/actor";
import { type AuditInput, recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/server/errors";
import type { YearlyStepJob } from "@/lib/server/jobs/job-types";
import { sizeLabel } from "@/lib/file-size";
import { ensureArchived } from "./archive-base";
import { moveToNewYear } from "./new-year-base";
import { emailArchiveDone, emailArchiveFailed, emailArchiveNotice, emailChangeDone, emailChangeNotice } from "./year-mails";
import { ARCHIVE_FAILED } from "./yearly-steps";

const accountOf = (accountId: string) =>
  db.hostingAccount.findUnique({
    where: { id: accountId },
    include: { plannings: { include: { base: true }, orderBy: { position: "asc" } } },
  });

/**
 * Writes that `step` is done for the account, once: the first of two runs (a retry after a kill, a
 * second instance) to get here claims it, and only that one sends the e-mail that follows. An
 * e-mail is thus never sent twice; a kill between the claim and the send loses it, the journal
 * and the step's own effect stay.
 */
async function claim(accountId: string, year: number, step: string, line?: AuditInput) {
  try {
    await db.$transaction(async (tx) => {
      await tx.yearlyStep.create({ data: { accountId, year, step, doneAt: clock.now() } });
      if (line) await recordAuditEvent(line, tx);
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

const isDone = async (accountId: string, year: number, step: string) =>
  (await db.yearlyStep.count({ where: { accountId, year, step } })) > 0;

/** The e-mail a week before the archive or the change. */
export async function runYearlyNotice({ accountId, year, step }: YearlyStepJob) {
  const account = await accountOf(accountId);
  if (!account || !(await claim(accountId, year, step))) return;
  if (step === "ARCHIVE_NOTICE") await emailArchiveNotice(account, year);
  else await emailChangeNotice(account, year);
}

/**
 * Early July: every base in service of the school year ending is archived. A failed archive is
 * written in the journal, told to the hosting responsible once, and thrown so that the job engine
 * tries again with backoff; the bases are never touched here.
 */
export async function runYearlyArchive({ accountId, year }: YearlyStepJob) {
  const account = await accountOf(accountId);
  if (!account || (await isDone(accountId, year, "ARCHIVE"))) return;
  const actor = scheduledTask(accountId);
  const lines: string[] = [];
  for (const planning of account.plannings) {
    const base = planning.base;
    // A pre-version's base of next year is not this year's to archive.
    if (!base || Number(base.version) >= year) continue;
    try {
      const archive = await ensureArchived(actor, { ...planning, account }, base);
      lines.push(`${planning.name} : ${base.name}, ${schoolYearLabel(archive.schoolYear)} (${sizeLabel(archive.size)})`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await recordAuditEvent({ ...actor, action: "year.archive.failed", detail: `${planning.name} : ${reason}`.slice(0, 500) });
      if (await claim(accountId, year, ARCHIVE_FAILED)) await emailArchiveFailed(account, planning.name, reason);
      throw error;
    }
  }
  if (await claim(accountId, year, "ARCHIVE")) await emailArchiveDone(account, year, lines);
}

/**
 * The end of August: the account moves to version `year`, and each planning's base of an earlier
 * year is archived (if July's did not) and replaced by a new empty base; a pre-version's base of
 * `year`, created in July, is left as it is. Last year's letter codes that never served expire.
 * Resumable: a run stopped half-way finds the bases already moved and goes on with the others.
 */
export async function runYearlyChange({ accountId, year }: YearlyStepJob) {
  const account = await accountOf(accountId);
  if (!account || (await isDone(accountId, year, "CHANGE"))) return;
  const actor = { ...scheduledTask(accountId), action: "year.change" as const };
  const moved: string[] = [];
  for (const planning of account.plannings) {
    if (!planning.base || Number(planning.base.version) >= year) continue;
    const line = await moveToNewYear(actor, { ...planning, account }, planning.base, year);
    if (line) moved.push(line);
  }
  const recorded = Number(account.version);
  const behind = !(Number.isInteger(recorded) && recorded >= year);
  if (behind) await db.hostingAccount.updateMany({ where: { id: accountId }, data: { version: String(year) } });
  const expired = await db.letterToken.updateMany({
    where: { accountId, usedAt: null, revokedAt: null, createdAt: { lt: yearChangeOn(year) } },
    data: { revokedAt: clock.now() },
  });
  // An account already on this version with nothing to move (opened just before, or on the
  // pre-version with its bases made) is not told anything.
  const told = behind || moved.length > 0;
  const line = {
    ...actor,
    detail: `Version ${year} : ${moved.length} base(s) mise(s) en service, ${expired.count} code(s) de courrier expiré(s)`,
  };
  if ((await claim(accountId, year, "CHANGE", told ? line : undefined)) && told) await emailChangeDone(account, year, moved);
}
