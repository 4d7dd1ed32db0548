import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isPostgresUrl, sqlitePath } from "@/lib/database-url";

// Prisma's better-sqlite3 adapter has one connection: a statement sent outside a transaction while
// another request's transaction is open would run inside it. lib/sqlite-serial.ts makes it wait.
describe.skipIf(isPostgresUrl(process.env.DATABASE_URL))("SQLite: one connection, statements kept out of others' transactions", () => {
  it("keeps 50 writes made while 50 transactions roll back", async () => {
    const marker = `serial-${Date.now()}`;
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const rolledBack = db
          .$transaction(async (tx) => {
            await tx.backgroundJob.create({ data: { name: `${marker}-tx`, singletonKey: String(i) } });
            await new Promise((resolve) => setTimeout(resolve, 5));
            throw new Error("refusé");
          })
          .catch(() => undefined);
        await db.backgroundJob.create({ data: { name: `${marker}-alone`, singletonKey: String(i) } });
        await rolledBack;
      }),
    );
    expect(await db.backgroundJob.count({ where: { name: `${marker}-alone` } })).toBe(50);
    expect(await db.backgroundJob.count({ where: { name: `${marker}-tx` } })).toBe(0);
    await db.backgroundJob.deleteMany({ where: { name: { startsWith: marker } } });
  });
});

// Another process on the same file (the operator's command, a second instance): a transaction that
// reads, then writes after the other's commit, would hold a stale snapshot and fail at once with
// "database is locked" (SQLITE_BUSY_SNAPSHOT), whatever the busy timeout. Begun IMMEDIATE, it waits.
describe.skipIf(isPostgresUrl(process.env.DATABASE_URL))("SQLite: another process writing meanwhile", () => {
  it("waits for the other's write instead of failing a transaction that reads then writes", async () => {
    const marker = `other-${Date.now()}`;
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const db = new (require("better-sqlite3"))(process.argv[1], { timeout: 5000 });
         db.exec("BEGIN IMMEDIATE");
         db.prepare('INSERT INTO "BackgroundJob" (id, name, singletonKey) VALUES (?, ?, ?)').run(process.argv[2], process.argv[2], "x");
         console.log("held");
         setTimeout(() => { db.exec("COMMIT"); db.close(); }, 400);`,
        sqlitePath(),
        `${marker}-holder`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));
    const written = await db.$transaction(async (tx) => {
      const before = await tx.backgroundJob.count({ where: { name: { startsWith: marker } } });
      await tx.backgroundJob.create({ data: { name: `${marker}-mine`, singletonKey: String(before) } });
      return before;
    });
    // Begun after the other's commit: it saw the other's row, and both rows are there.
    expect(written).toBe(1);
    expect(await db.backgroundJob.count({ where: { name: { startsWith: marker } } })).toBe(2);
    await db.backgroundJob.deleteMany({ where: { name: { startsWith: marker } } });
  });
});
