import "server-only";
import { isPostgresUrl } from "@/lib/database-url";
import type { JobEngine } from "./job-types";
import { PgBossEngine } from "./pg-boss-engine";
import { SqliteRunner } from "./sqlite-runner";

// One engine per process, even where Next compiles the instrumentation hook and the routes as
// separate entries (each would otherwise hold its own module instance).
const globalForJobs = globalThis as unknown as { jobEngine?: JobEngine };

/** pg-boss on PostgreSQL (several instances); the in-process runner over a table on SQLite (one). */
export function jobs(): JobEngine {
  globalForJobs.jobEngine ??= isPostgresUrl() ? new PgBossEngine() : new SqliteRunner();
  return globalForJobs.jobEngine;
}
