import "server-only";
import cronParser from "cron-parser";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/server/errors";
import {
  QUEUES,
  SCHEDULE_TIME_ZONE,
  type Handlers,
  type JobEngine,
  type JobName,
  type Jobs,
  type Schedule,
  type SendOptions,
} from "./job-types";

/** A running job's hold: renewed every third of it while the handler runs, so a crash frees it soon. */
const HOLD_MS = 30_000;
const pollMs = () => Number(process.env.JOBS_POLL_MS || 1000);

type Row = { id: string; name: string; data: string; attempts: number };

/**
 * The embedded engine (SQLite, one instance): jobs are rows of `BackgroundJob`, so they survive a
 * restart; this process polls for those due, holds each with a conditional write before running it,
 * retries with backoff, and sends the scheduled ones. pg-boss does the same on PostgreSQL.
 */
export class SqliteRunner implements JobEngine {
  #handlers: Handlers | null = null;
  #schedules: { schedule: Schedule; next: Date }[] = [];
  #running = new Map<JobName, number>();
  #active = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | null = null;
  #ticking = false;
  #again = false;

  async send<N extends JobName>(name: N, data: Jobs[N], options: SendOptions = {}) {
    const runAt = new Date(Date.now() + (options.startAfterSeconds ?? 0) * 1000);
    try {
      await db.backgroundJob.create({ data: { name, data: JSON.stringify(data), singletonKey: options.singletonKey ?? null, runAt } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // the same singleton is already waiting
    }
    if (this.#handlers && runAt.getTime() <= Date.now()) this.#poke();
  }

  async start(handlers: Handlers, schedules: Schedule[]) {
    if (this.#handlers) return;
    this.#handlers = handlers;
    this.#schedules = schedules.map((schedule) => ({ schedule, next: nextRun(schedule.cron) }));
    this.#poke();
  }

  async stop({ wait = true }: { wait?: boolean } = {}) {
    this.#handlers = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (wait) await Promise.allSettled([...this.#active]);
  }

  #poke() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#tick(), 0);
  }

  async #tick() {
    if (this.#ticking) {
      this.#again = true;
      return;
    }
    this.#ticking = true;
    try {
      do {
        this.#again = false;
        await this.#sendDueSchedules();
        await this.#claimDueJobs();
      } while (this.#again && this.#handlers);
    } catch (error) {
      console.error("jobs: the runner's poll failed", error instanceof Error ? error.message : error);
    } finally {
      this.#ticking = false;
      if (this.#handlers) {
        this.#timer = setTimeout(() => void this.#tick(), pollMs());
        this.#timer.unref();
      }
    }
  }

  async #sendDueSchedules() {
    const now = new Date();
    for (const entry of this.#schedules) {
      if (entry.next > now) continue;
      entry.next = nextRun(entry.schedule.cron);
      await this.send(entry.schedule.name, {} as never, { singletonKey: "schedule" });
    }
  }

  async #claimDueJobs() {
    for (const name of Object.keys(QUEUES) as JobName[]) {
      const free = QUEUES[name].concurrency - (this.#running.get(name) ?? 0);
      if (free <= 0 || !this.#handlers) continue;
      const now = new Date();
      const free_ = { runAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] };
      const due = await db.backgroundJob.findMany({ where: { name, ...free_ }, orderBy: { runAt: "asc" }, take: free });
      for (const job of due) {
        // Conditional: of two pollers (a restarting instance, a test beside the server), one holds it.
        const held = await db.backgroundJob.updateMany({
          where: { id: job.id, ...free_ },
          data: { lockedUntil: new Date(Date.now() + HOLD_MS), attempts: { increment: 1 } },
        });
        if (held.count === 1) this.#run({ ...job, attempts: job.attempts + 1 });
      }
    }
  }

  #run(job: Row) {
    const name = job.name as JobName;
    const handler = this.#handlers?.[name] as ((data: unknown) => Promise<void>) | undefined;
    if (!handler) return;
    this.#running.set(name, (this.#running.get(name) ?? 0) + 1);
    const renew = setInterval(() => {
      db.backgroundJob.updateMany({ where: { id: job.id }, data: { lockedUntil: new Date(Date.now() + HOLD_MS) } }).catch(() => undefined);
    }, HOLD_MS / 3);
    const run: Promise<void> = (async () => {
      try {
        await handler(JSON.parse(job.data));
        await db.backgroundJob.deleteMany({ where: { id: job.id } });
      } catch (error) {
        await this.#failed(job, error);
      }
    })().finally(() => {
      clearInterval(renew);
      this.#running.set(name, (this.#running.get(name) ?? 1) - 1);
      this.#active.delete(run);
      if (this.#handlers) this.#poke();
    });
    this.#active.add(run);
  }

  async #failed(job: Row, error: unknown) {
    const { retryLimit, retryDelaySeconds } = QUEUES[job.name as JobName];
    const message = error instanceof Error ? error.message : String(error);
    console.error(`jobs: ${job.name} failed (try ${job.attempts})`, message);
    if (job.attempts > retryLimit) {
      await db.backgroundJob.deleteMany({ where: { id: job.id } }).catch(() => undefined);
      return;
    }
    const delay = retryDelaySeconds * 1000 * 2 ** (job.attempts - 1);
    await db.backgroundJob
      .updateMany({
        where: { id: job.id },
        data: { lockedUntil: null, runAt: new Date(Date.now() + delay), lastError: message.slice(0, 500) },
      })
      .catch(() => undefined);
  }
}

function nextRun(cron: string): Date {
  return cronParser.parseExpression(cron, { tz: SCHEDULE_TIME_ZONE }).next().toDate();
}
