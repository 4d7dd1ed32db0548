import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { isPostgresUrl } from "@/lib/database-url";
import { JOB_NAMES } from "@/lib/server/jobs/job-types";
import { PgBossEngine } from "@/lib/server/jobs/pg-boss-engine";

// X3: a provider starts its instances together, the first time on a database without pg-boss's
// schema. Each instance creates the queues; none may fail to start for having met another.
const url = process.env.DATABASE_URL!;

async function dropJobSchema() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS pgboss CASCADE");
  } finally {
    await client.end();
  }
}

describe.skipIf(!isPostgresUrl(url))("pg-boss : des instances qui démarrent ensemble sur une base neuve", () => {
  // The next test files find a schema pg-boss creates again, as on a new database.
  afterAll(dropJobSchema);

  it("démarrent toutes, et chaque file est créée", async () => {
    for (let round = 0; round < 4; round++) {
      await dropJobSchema();
      const engines = Array.from({ length: 4 }, () => new PgBossEngine());
      // Sending starts an engine: its schema, then its queues.
      const started = await Promise.allSettled(engines.map((engine) => engine.send("letters.recover", {})));
      await Promise.all(engines.map((engine) => engine.stop({ wait: false })));
      expect(started.filter((s) => s.status === "rejected").map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>("SELECT name FROM pgboss.queue WHERE name NOT LIKE '__pgboss%' ORDER BY name");
      expect(rows.map((row) => row.name)).toEqual([...JOB_NAMES].sort());
    } finally {
      await client.end();
    }
  }, 120_000);
});
