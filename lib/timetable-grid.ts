/**
 * F8 "Paramétrage de la grille horaire": the rules and computed values of the guides, shared by the
 * dialog (live figures) and the server (the only judge). Dates are calendar days, "YYYY-MM-DD",
 * computed in UTC so that no time zone shifts a Monday into a Sunday.
 */

export const MIN_WEEKS = 1;
export const MAX_WEEKS = 62;
export const MAX_DAY_MINUTES = 24 * 60;
/** "en 2, en 3, en 4, en 6, en 12, Aucun": the number of steps ("pas horaires") per sequence. */
export const SPLITS = [2, 3, 4, 6, 12, 1] as const;
export type Split = (typeof SPLITS)[number];

/** ISO weekdays, Monday = 1, as the dialog labels them. */
export const WEEKDAYS = [
  { iso: 1, short: "lun.", long: "lundi" },
  { iso: 2, short: "mar.", long: "mardi" },
  { iso: 3, short: "mer.", long: "mercredi" },
  { iso: 4, short: "jeu.", long: "jeudi" },
  { iso: 5, short: "ven.", long: "vendredi" },
  { iso: 6, short: "sam.", long: "samedi" },
  { iso: 7, short: "dim.", long: "dimanche" },
] as const;

const DAY = 86_400_000;

/** A real calendar day, or null ("2026-02-30" is not one). */
export function parseDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value ? date : null;
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function isoWeekday(date: Date): number {
  return ((date.getUTCDay() + 6) % 7) + 1;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

/** Whole weeks from a Monday to a Sunday, both included; 0 or less when the Sunday comes first. */
export function weeksBetween(firstMonday: string, lastSunday: string): number {
  const from = parseDay(firstMonday);
  const to = parseDay(lastSunday);
  if (!from || !to) return 0;
  return Math.round((to.getTime() - from.getTime() + DAY) / (7 * DAY));
}

// Made once: building a formatter costs far more than formatting (the dialog labels 218 dates).
const DAY_MONTH_YEAR = new Intl.DateTimeFormat("fr-FR", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" });

/** "lun. 01 sept. 2025", as the dialog shows a date. */
export function dayLabel(value: string): string {
  const date = parseDay(value);
  if (!date) return value;
  const weekday = WEEKDAYS[isoWeekday(date) - 1].short;
  return `${weekday} ${DAY_MONTH_YEAR.format(date)}`;
}

/** "12h00", "00h30": the guides' way of writing a duration. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}h${String(m).padStart(2, "0")}`;
}

/** "Durée de chaque pas horaire", or null when the split does not give whole minutes. */
export function stepMinutes(sequenceMinutes: number, split: number): number | null {
  if (!Number.isInteger(sequenceMinutes) || sequenceMinutes <= 0 || sequenceMinutes % split !== 0) return null;
  return sequenceMinutes / split;
}

export function splitLabel(split: number): string {
  return split === 1 ? "Aucun" : `en ${split}`;
}

/** Every Monday from `from` (or the next one) for `count` weeks: what "Premier lundi" offers. */
export function mondaysFrom(from: Date, count: number): string[] {
  const first = addDays(from, (8 - isoWeekday(from)) % 7);
  return Array.from({ length: count }, (_, i) => formatDay(addDays(first, 7 * i)));
}

/** The Sundays that end a timetable of 1 to 62 weeks starting on `firstMonday`. */
export function sundaysAfter(firstMonday: string): string[] {
  const monday = parseDay(firstMonday);
  if (!monday) return [];
  return Array.from({ length: MAX_WEEKS }, (_, i) => formatDay(addDays(monday, 7 * i + 6)));
}

/** How a base row keeps its working days: ISO weekdays, sorted, comma-separated ("1,2,3,4,5"). */
export function encodeWorkingDays(days: readonly number[]): string {
  return [...days].sort().join(",");
}

export function decodeWorkingDays(text: string): number[] {
  return text.split(",").map(Number);
}

export type GridInput = {
  name: string;
  firstMonday: string;
  lastSunday: string;
  workingDays: number[];
  sequencesPerDay: number;
  sequenceMinutes: number;
  split: number;
};

/**
 * The dialog's starting values for a version (school year starting in September of `year`): the
 * Monday of the week of 1 September, the first Sunday of July, the guide's 12 sequences of 1 hour
 * split in 2, Monday to Friday.
 */
export function defaultGrid(year: number): GridInput {
  const september = new Date(Date.UTC(year, 8, 1));
  const firstMonday = addDays(september, 1 - isoWeekday(september));
  const july = new Date(Date.UTC(year + 1, 6, 1));
  const lastSunday = addDays(july, (7 - isoWeekday(july)) % 7);
  return {
    name: `Base ${year}`,
    firstMonday: formatDay(firstMonday),
    lastSunday: formatDay(lastSunday),
    workingDays: [1, 2, 3, 4, 5],
    sequencesPerDay: 12,
    sequenceMinutes: 60,
    split: 2,
  };
}
