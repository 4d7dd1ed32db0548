import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { jobs } from "@/lib/server/jobs/engine";
import type { JobEngine, JobName } from "@/lib/server/jobs/job-types";
import { dueSteps, type DueStep, type YearlyStepName } from "./yearly-steps";

const JOB_OF: Record<YearlyStepName, JobName> = {
  ARCHIVE_NOTICE: "year.notice",
  ARCHIVE: "year.archive",
  CHANGE_NOTICE: "year.notice",
  CHANGE: "year.change",
};

const PAGE = 500;

/**
 * The accounts a due step concerns: opened before it was due, and the step not done or its e-mail
 * still owed; the archive and its notices only where a base is.
 */
function concerned(due: DueStep) {
  return {
    createdAt: { lt: due.from },
    yearlySteps: { none: { year: due.year, step: due.step, mailSentAt: { not: null } } },
    ...(due.step === "CHANGE" ? {} : { bases: { some: {} } }),
  };
}

/**
 * The daily (in fact hourly) catch-up: one job per account whose step is due and not done — never
 * one job for all, so that an account's failure or slowness holds up no other, and any instance
 * takes any account. A job already waiting for the same account and step is not sent twice.
 */
export async function sendDueYearlySteps(now: Date = clock.now(), send: JobEngine["send"] = (...job) => jobs().send(...job)) {
  const sent: Partial<Record<YearlyStepName, number>> = {};
  for (const due of dueSteps(now)) {
    let cursor: string | undefined;
    for (;;) {
      const page = await db.hostingAccount.findMany({
        where: { ...concerned(due), ...(cursor ? { id: { gt: cursor } } : {}) },
        select: { id: true },
        orderBy: { id: "asc" },
        take: PAGE,
      });
      for (const { id } of page) {
        const data = { accountId: id, year: due.year, step: due.step };
        await send(JOB_OF[due.step], data, { singletonKey: `${due.step}:${due.year}:${id}` });
      }
      sent[due.step] = (sent[due.step] ?? 0) + page.length;
      if (page.length < PAGE) break;
      cursor = page[page.length - 1].id;
    }
  }
  return sent;
}
