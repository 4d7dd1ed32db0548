/**
 * F11 "Changement de version" (seed 004): "Le passage à la nouvelle version et la création d'une
 * nouvelle base vide sont automatiques fin août. Vous pouvez demander le passage à la préversion
 * début juillet". Version Y serves the school year that starts in September of Y.
 */

/** The version every account runs without asking: Y from 1 September Y. */
export function schoolYearVersion(now: Date): number {
  const year = now.getUTCFullYear();
  return now.getUTCMonth() >= 8 ? year : year - 1;
}

/** The pre-version of next year, and the window (1 July – 31 August) in which it may be asked for. */
export function preVersionWindow(now: Date) {
  const current = schoolYearVersion(now);
  const opensOn = new Date(Date.UTC(current + 1, 6, 1));
  const closesOn = new Date(Date.UTC(current + 1, 8, 1));
  return { version: current + 1, opensOn, open: now >= opensOn && now < closesOn };
}

/** "Le passage à la préversion 2027 pourra être demandé à partir du 1er juillet 2027." */
export function preVersionNotYet(window: { version: number; opensOn: Date }): string {
  return `Le passage à la préversion ${window.version} pourra être demandé à partir du 1er juillet ${window.opensOn.getUTCFullYear()}.`;
}

/** The version an account's plannings run: the pre-version once asked for, else the school year's. */
export function accountVersion(account: { preVersion: string | null }, now: Date = new Date()): string {
  const current = schoolYearVersion(now);
  const pre = Number(account.preVersion);
  return String(Number.isInteger(pre) && pre > current ? pre : current);
}
