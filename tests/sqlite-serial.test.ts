import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isPostgresUrl } from "@/lib/database-url";

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
