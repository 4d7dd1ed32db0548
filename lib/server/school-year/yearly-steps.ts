import "server-only";
import { parisParts, schoolYearAt, yearArchiveOn, yearChangeOn, yearlyCalendar } from "@/lib/school-calendar";

/**
 * Seed 004's yearly steps, each keyed by the calendar year it falls in: the archive of school year
 * 2026-2027 and the change to version 2027 both belong to 2027. A step is due from its moment until
 * the next step replaces it, so that a console stopped across the moment catches up when it comes
 * back, instead of waiting a year (the engines compute a schedule's next run when they start).
 */
export const YEARLY_STEPS = ["ARCHIVE_NOTICE", "ARCHIVE", "CHANGE_NOTICE", "CHANGE"] as const;
export type YearlyStepName = (typeof YEARLY_STEPS)[number];

/** A failed archive tells the hosting responsible once a year, whatever the retries. */
export const ARCHIVE_FAILED = "ARCHIVE_FAILED";

export type DueStep = { step: YearlyStepName; year: number; from: Date };

/** The steps due at `now`, with the moment from which each is due (accounts opened later skip it). */
export function dueSteps(now: Date): DueStep[] {
  const { noticeDays } = yearlyCalendar();
  const notice = noticeDays * 86_400_000;
  const due: DueStep[] = [];
  // The change of the school year under way: due from its moment until next year's.
  const changeYear = schoolYearAt(now);
  due.push({ step: "CHANGE", year: changeYear, from: yearChangeOn(changeYear) });
  const year = parisParts(now).year;
  const archive = yearArchiveOn(year);
  const change = yearChangeOn(year);
  const within = (from: Date, until: Date) => now >= from && now < until;
  if (within(new Date(archive.getTime() - notice), archive)) {
    due.push({ step: "ARCHIVE_NOTICE", year, from: new Date(archive.getTime() - notice) });
  }
  // The archive is due until the change, which archives what is left before it replaces a base.
  if (within(archive, change)) due.push({ step: "ARCHIVE", year, from: archive });
  if (within(new Date(change.getTime() - notice), change)) {
    due.push({ step: "CHANGE_NOTICE", year, from: new Date(change.getTime() - notice) });
  }
  return due;
}
