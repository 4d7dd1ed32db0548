/**
 * The school calendar, once (seed 004, "Chaque année", "Mode hébergé"): "Début juillet, une archive
 * de l'ancienne base est créée automatiquement. Le passage à la nouvelle version et la création
 * d'une nouvelle base vide sont automatiques fin août. Vous pouvez demander le passage à la
 * préversion début juillet." Everything is read on the wall clock of Europe/Paris, where the schools
 * and their provider live; the two dates are settings (README, "Chaque année").
 *
 * A school year is named by the year it starts: 2026 is "2026-2027". It starts, and version 2026
 * with it, at the end-of-August change of 2026; its bases are in version 2026.
 */

export const SCHOOL_TIME_ZONE = "Europe/Paris";

/** A day of the year and a time on it, Paris time: "07-01 02:00". */
export type YearlyMoment = { month: number; day: number; hour: number; minute: number };

const MOMENT = /^(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

export function parseYearlyMoment(text: string, fallback: string): YearlyMoment {
  const match = MOMENT.exec(text.trim()) ?? MOMENT.exec(fallback);
  if (!match) throw new Error(`Date annuelle illisible : ${text}`);
  const [month, day, hour, minute] = match.slice(1).map(Number);
  return { month, day, hour, minute };
}

/** `at` as the yearly settings write a moment: "12-07 23:41", Paris time (the inverse of parseYearlyMoment). */
export function formatYearlyMoment(at: Date): string {
  const p = parisParts(at);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/** When each yearly step runs (README, "Chaque année"): the archive early July, the change late August. */
export function yearlyCalendar(env: Record<string, string | undefined> = process.env) {
  return {
    archive: parseYearlyMoment(env.YEAR_ARCHIVE_AT ?? "", "07-01 02:00"),
    change: parseYearlyMoment(env.YEAR_CHANGE_AT ?? "", "08-25 02:00"),
    /** An announcement leaves this many days before each. */
    noticeDays: Math.max(0, Number(env.YEAR_NOTICE_DAYS || 7)),
    /** Archives kept per planning: the last N school years. */
    archivesKept: Math.max(1, Number(env.ARCHIVE_YEARS_KEPT || 3)),
  };
}

/** Year, month (1–12), day, hour and minute of `at` on the Paris wall clock. */
export function parisParts(at: Date) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: SCHOOL_TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour"), minute: part("minute") };
}

/** The instant the Paris wall clock shows `moment` in `year` (summer or winter time as it falls). */
export function parisInstant(year: number, moment: YearlyMoment): Date {
  const wall = Date.UTC(year, moment.month - 1, moment.day, moment.hour, moment.minute);
  // Paris is UTC+1 or UTC+2: one correction from a first guess lands on the wall time.
  let guess = wall - 3_600_000;
  for (let i = 0; i < 2; i++) {
    const p = parisParts(new Date(guess));
    guess += wall - Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  }
  return new Date(guess);
}

/** The end-of-August change of `year`: school year `year` and its version start then. */
export function yearChangeOn(year: number, env?: Record<string, string | undefined>): Date {
  return parisInstant(year, yearlyCalendar(env).change);
}

/** The July archive of `year` (the archive of school year `year - 1`). */
export function yearArchiveOn(year: number, env?: Record<string, string | undefined>): Date {
  return parisInstant(year, yearlyCalendar(env).archive);
}

/** The school year under way at `at`, by the year it starts: March 2027 and 20 August 2027 are 2026. */
export function schoolYearAt(at: Date, env?: Record<string, string | undefined>): number {
  const { year } = parisParts(at);
  return at >= yearChangeOn(year, env) ? year : year - 1;
}

/** "2026-2027". */
export function schoolYearLabel(year: number): string {
  return `${year}-${year + 1}`;
}
