import "server-only";
import PgBoss from "pg-boss";
import { databaseUrl } from "@/lib/database-url";
import {
  JOB_NAMES,
  QUEUES,
  SCHEDULE_TIME_ZONE,
  type Handlers,
  type JobEngine,
  type JobName,
  type Jobs,
  type Schedule,
  type SendOptions,
} from "./job-types";

/** PostgreSQL's "deadlock detected": the transaction chosen to end was rolled back whole. */
const DEADLOCK = "40P01";

/**
 * pg-boss 10 creates a queue, its partition and indexes without a lock of its own: two instances
 * starting together on a new database deadlock there, and the loser's start failed. Its transaction
 * is rolled back whole, and once the other has committed the creation finds the queue there and
 * does nothing, so trying again a little later is enough.
 */
async function createQueue(boss: PgBoss, name: string, options: PgBoss.Queue) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await boss.createQueue(name, options);
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}

/**
 * pg-boss on the console's PostgreSQL (its own schema `pgboss`): every instance sends, works and
 * supervises; a job taken by an instance that dies is retried by pg-boss, and schedules are shared.
 */
export class PgBossEngine implements JobEngine {
  #boss: Promise<PgBoss> | null = null;
  #working = false;

  #started(): Promise<PgBoss> {
    this.#boss ??= (async () => {
      const boss = new PgBoss({
        connectionString: databaseUrl(),
        schema: "pgboss",
        max: 4,
        application_name: "console-hebergement-jobs",
        // Finished jobs are kept a week, then deleted by pg-boss's own maintenance.
        deleteAfterDays: 7,
      });
      boss.on("error", (error) => console.error("jobs: pg-boss", error.message));
      await boss.start();
      for (const name of JOB_NAMES) {
        const { retryLimit, retryDelaySeconds, expireInSeconds } = QUEUES[name];
        await createQueue(boss, name, { name, retryLimit, retryDelay: retryDelaySeconds, retryBackoff: true, expireInSeconds });
      }
      return boss;
    })();
    return this.#boss;
  }

  async send<N extends JobName>(name: N, data: Jobs[N], options: SendOptions = {}) {
    const boss = await this.#started();
    await boss.send(name, data, {
      startAfter: options.startAfterSeconds ?? 0,
      // pg-boss keys a singleton by a time slot: one waiting job per key and minute is enough here.
      ...(options.singletonKey ? { singletonKey: options.singletonKey, singletonSeconds: QUEUES[name].singletonSeconds ?? 60 } : {}),
    });
  }

  async start(handlers: Handlers, schedules: Schedule[]) {
    if (this.#working) return;
    this.#working = true;
    const boss = await this.#started();
    for (const name of JOB_NAMES) {
      const handler = handlers[name] as (data: unknown) => Promise<void>;
      for (let i = 0; i < QUEUES[name].concurrency; i++) {
        await boss.work(name, { pollingIntervalSeconds: 1, batchSize: QUEUES[name].batchSize ?? 1 }, async (batch) => {
          for (const job of batch) {
            try {
              await handler(job.data);
            } catch (error) {
              // This job alone fails (and is retried); pg-boss completes the others of the batch.
              if (batch.length === 1) throw error;
              console.error(`jobs: ${name} failed`, error instanceof Error ? error.message : error);
              await boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) });
            }
          }
        });
      }
    }
    for (const { name, cron } of schedules) await boss.schedule(name, cron, {}, { tz: SCHEDULE_TIME_ZONE });
  }

  async stop({ wait = true }: { wait?: boolean } = {}) {
    const boss = this.#boss;
    this.#boss = null;
    this.#working = false;
    if (boss) await (await boss).stop({ graceful: wait, wait, timeout: wait ? 30_000 : 1000 });
  }
}
