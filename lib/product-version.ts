/**
 * F11 "Changement de version" (seed 004): "Le passage à la nouvelle version et la création d'une
 * nouvelle base vide sont automatiques fin août. Vous pouvez demander le passage à la préversion
 * début juillet". Version Y serves school year Y; both start at the change of `lib/school-calendar.ts`.
 */
import { parisParts, schoolYearAt, yearArchiveOn, yearChangeOn } from "@/lib/school-calendar";

/** The version every account runs without asking: Y from the end-of-August change of Y. */
export function schoolYearVersion(now: Date): number {
  return schoolYearAt(now);
}

/** The pre-version of next year, and the window (early July – the change) in which it may be asked for. */
export function preVersionWindow(now: Date) {
  const current = schoolYearVersion(now);
  const opensOn = yearArchiveOn(current + 1);
  const closesOn = yearChangeOn(current + 1);
  return { version: current + 1, opensOn, open: now >= opensOn && now < closesOn };
}

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/** "1er juillet 2027", "25 août 2027": a day of the school calendar as Mon compte writes it. */
export function frenchDay(at: Date): string {
  const { year, month, day } = parisParts(at);
  return `${day === 1 ? "1er" : day} ${MONTHS[month - 1]} ${year}`;
}

/** "Le passage à la préversion 2027 pourra être demandé à partir du 1er juillet 2027." */
export function preVersionNotYet(window: { version: number; opensOn: Date }): string {
  return `Le passage à la préversion ${window.version} pourra être demandé à partir du ${frenchDay(window.opensOn)}.`;
}

/**
 * The version an account's plannings run: the one the end-of-August change moved it to (recorded on
 * the account), the pre-version once asked for, and never older than the calendar's for an account
 * that has no record yet.
 */
export function accountVersion(account: { preVersion: string | null; version?: string | null }, now: Date): string {
  const recorded = Number(account.version);
  const current = Number.isInteger(recorded) && recorded > 0 ? recorded : schoolYearVersion(now);
  const pre = Number(account.preVersion);
  return String(Number.isInteger(pre) && pre > current ? pre : current);
}
