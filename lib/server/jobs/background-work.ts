import "server-only";
import { recoverStalledBatches, runLetterBatch, LEASE_MS } from "@/lib/server/letters/run-letter-batch";
import { purgeExpired } from "@/lib/server/maintenance/purge";
import { runYearlyArchive, runYearlyChange, runYearlyNotice } from "@/lib/server/school-year/run-yearly-step";
import { sendDueYearlySteps } from "@/lib/server/school-year/send-due-steps";
import { jobs } from "./engine";
import type { Handlers, Schedule } from "./job-types";

const HANDLERS: Handlers = {
  "letters.batch": ({ batchId }) => runLetterBatch(batchId),
  "letters.recover": () => recoverStalledBatches(),
  "maintenance.purge": async () => {
    await purgeExpired();
  },
  "year.catch-up": async () => {
    await sendDueYearlySteps();
  },
  "year.archive": (step) => runYearlyArchive(step),
  "year.change": (step) => runYearlyChange(step),
  "year.notice": (step) => runYearlyNotice(step),
};

/**
 * Cron lines, Europe/Paris. The school year's steps are not cron lines of their own: an hourly
 * catch-up (and one at every start) finds what is due and not done, so a console stopped across
 * 1 July or 25 August does the step when it comes back rather than a year later.
 */
export const SCHEDULES: Schedule[] = [
  { name: "letters.recover", cron: "* * * * *" },
  { name: "maintenance.purge", cron: "17 * * * *" },
  { name: "year.catch-up", cron: "7 * * * *" },
];

/**
 * Every instance works the jobs (instrumentation.ts calls this when the server starts). A batch an
 * instance held when it stopped is free once its lease ends: one recovery is sent for then.
 */
export async function startBackgroundWork() {
  const engine = jobs();
  await engine.start(HANDLERS, SCHEDULES);
  await engine.send("letters.recover", {}, { startAfterSeconds: Math.ceil(LEASE_MS / 1000) + 1 });
  // Not a singleton: an instance restarted with new yearly dates looks at once, whatever ran a minute ago.
  await engine.send("year.catch-up", {});
}

export async function stopBackgroundWork(options?: { wait?: boolean }) {
  await jobs().stop(options);
}
