/**
 * The console's background work, named once: what each job carries, and how its queue behaves on
 * either engine (pg-boss on PostgreSQL, the in-process runner on SQLite). Handlers live in
 * `background-work.ts`; code that only sends a job imports this file and `engine.ts`.
 */
export type Jobs = {
  /** E-mails of one letter batch (F16), sent under the batch's lease. */
  "letters.batch": { batchId: string };
  /** Batches whose instance stopped (a crash, a deploy): sent again to whoever is alive. */
  "letters.recover": Record<string, never>;
  /** Expired or superseded letter tokens, old throttle rows, finished batches' deliveries. */
  "maintenance.purge": Record<string, never>;
  /** Seed 004 "Chaque année": finds the accounts whose yearly step is due and sends one job each. */
  "year.catch-up": Record<string, never>;
  /** One account's July archive of its bases. */
  "year.archive": YearlyStepJob;
  /** One account's end-of-August change: the new version, a new empty base in place of each. */
  "year.change": YearlyStepJob;
  /** One account's e-mail announcing the archive or the change. */
  "year.notice": YearlyStepJob;
};

/** Which account, which step, of which calendar year (lib/server/school-year/yearly-steps.ts). */
export type YearlyStepJob = { accountId: string; year: number; step: "ARCHIVE_NOTICE" | "ARCHIVE" | "CHANGE_NOTICE" | "CHANGE" };

export type JobName = keyof Jobs;

export type QueueOptions = {
  /** Jobs of this name one instance runs at once. */
  concurrency: number;
  /** Tries after the first when the handler throws, with exponential backoff from retryDelaySeconds. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** pg-boss gives up on a job running longer (the in-process runner renews its hold while it runs). */
  expireInSeconds: number;
  /**
   * Jobs a pg-boss worker fetches at once (1 if unset). A worker waits its polling interval (1 s)
   * between two fetches: short jobs (a yearly step, ~20 ms) came one a second per worker, and the
   * July archive of 100 accounts on two instances took 29 s. Each job of a batch succeeds or fails alone.
   */
  batchSize?: number;
  /**
   * pg-boss keeps one job per singleton key in a slot of this many seconds (60 if unset). The
   * yearly steps take 1: an instance that starts (after another died holding a batch) sends its
   * catch-up at once, and the accounts the dead one held are done again — idempotently — without
   * waiting for their expiry.
   */
  singletonSeconds?: number;
};

export const QUEUES: Record<JobName, QueueOptions> = {
  // A batch runs as long as its e-mails take (6,000 parents at a provider's capped rate: an hour or
  // more); its own lease, not the job's expiry, tells a stopped instance.
  "letters.batch": { concurrency: 4, retryLimit: 5, retryDelaySeconds: 5, expireInSeconds: 6 * 3600 },
  "letters.recover": { concurrency: 1, retryLimit: 0, retryDelaySeconds: 5, expireInSeconds: 120 },
  "maintenance.purge": { concurrency: 1, retryLimit: 2, retryDelaySeconds: 60, expireInSeconds: 900 },
  "year.catch-up": { concurrency: 1, retryLimit: 2, retryDelaySeconds: 60, expireInSeconds: 900 },
  // A failed archive is tried again with backoff (1, 2, 4 … minutes); the next catch-up sends it
  // again after the last try. A job outlives its instance by its expiry (pg-boss) or hold (SQLite).
  // One at a time per instance: a yearly step has the year to run, the pages of the other schools
  // have a second (bench:year: two per instance took the pages' p95 to 3.4× at rest).
  "year.archive": { concurrency: 1, retryLimit: 6, retryDelaySeconds: 60, expireInSeconds: 300, batchSize: 20, singletonSeconds: 1 },
  "year.change": { concurrency: 1, retryLimit: 6, retryDelaySeconds: 60, expireInSeconds: 300, batchSize: 20, singletonSeconds: 1 },
  "year.notice": { concurrency: 1, retryLimit: 3, retryDelaySeconds: 60, expireInSeconds: 120, batchSize: 20, singletonSeconds: 1 },
};

export const JOB_NAMES = Object.keys(QUEUES) as JobName[];

export type SendOptions = {
  /** Not before this many seconds from now. */
  startAfterSeconds?: number;
  /** At most one job of this name and key waiting at a time (a second send is dropped). */
  singletonKey?: string;
};

/** A cron line (minute hour day month weekday, Europe/Paris) that sends the job on every match. */
export type Schedule = { name: JobName; cron: string };

export type Handlers = { [N in JobName]: (data: Jobs[N]) => Promise<void> };

export interface JobEngine {
  /** Records the job durably; any live instance that works this name runs it. */
  send<N extends JobName>(name: N, data: Jobs[N], options?: SendOptions): Promise<void>;
  /** Runs the handlers in this process and sends the scheduled jobs, until stop(). */
  start(handlers: Handlers, schedules: Schedule[]): Promise<void>;
  /** Stops taking jobs; waits for those running unless told not to (a test's end). */
  stop(options?: { wait?: boolean }): Promise<void>;
}

export const SCHEDULE_TIME_ZONE = "Europe/Paris";
