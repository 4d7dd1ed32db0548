/**
 * "Now", for the whole console: the one place the date is read, so that a test can move it across
 * the school year's dates (a July archive, an end-of-August change) instead of waiting for them.
 * The test clock is an offset from the real one: time still passes while it is set. It is refused
 * in production, and shared by every module instance of the process.
 *
 * What it dates is the school's calendar: bases, versions, letter codes, imports, the yearly steps.
 * Windows counted in seconds or minutes (sign-in throttles, sessions, codes e-mailed for a few
 * minutes, the job engine's holds, a batch's lease) stay on the real clock: moving the calendar must
 * neither unlock a throttle nor end a lease.
 */
const state = globalThis as unknown as { consoleClockOffsetMs?: number };

export const clock = {
  now(): Date {
    return new Date(Date.now() + (state.consoleClockOffsetMs ?? 0));
  },
};

/** Tests only: from now on the clock reads `at` (and runs on from there); null puts it back. */
export function setTestClock(at: Date | null): void {
  if (process.env.NODE_ENV === "production") {
    throw new Error("L'horloge de test est refusée en production.");
  }
  state.consoleClockOffsetMs = at ? at.getTime() - Date.now() : 0;
}
