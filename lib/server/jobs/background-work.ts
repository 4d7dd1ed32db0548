import "server-only";
import { recoverStalledBatches, runLetterBatch, LEASE_MS } from "@/lib/server/letters/run-letter-batch";
import { purgeExpired } from "@/lib/server/maintenance/purge";
import { jobs } from "./engine";
import type { Handlers, Schedule } from "./job-types";

const HANDLERS: Handlers = {
  "letters.batch": ({ batchId }) => runLetterBatch(batchId),
  "letters.recover": () => recoverStalledBatches(),
  "maintenance.purge": async () => {
    await purgeExpired();
  },
};

/** Cron lines, Europe/Paris: the school year's scheduled work joins them here. */
export const SCHEDULES: Schedule[] = [
  { name: "letters.recover", cron: "* * * * *" },
  { name: "maintenance.purge", cron: "17 * * * *" },
];

/**
 * Every instance works the jobs (instrumentation.ts calls this when the server starts). A batch an
 * instance held when it stopped is free once its lease ends: one recovery is sent for then.
 */
export async function startBackgroundWork() {
  const engine = jobs();
  await engine.start(HANDLERS, SCHEDULES);
  await engine.send("letters.recover", {}, { startAfterSeconds: Math.ceil(LEASE_MS / 1000) + 1 });
}

export async function stopBackgroundWork(options?: { wait?: boolean }) {
  await jobs().stop(options);
}
