// Secrets at rest and in time. Before: console.db and its WAL were created 0644 (anyone on the
// machine read every hash and token), and a login whose password was still provisional answered in
// 23–46 ms where an unknown one took 76–159 ms (which logins exist, and which were never used).
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ensurePrivateSqliteFile } from "@/scripts/sqlite-file.mjs";
import { databaseUrl, isPostgresUrl, sqlitePath } from "@/lib/database-url";
import { db } from "@/lib/db";
import { startUserSignIn } from "@/lib/server/sign-in/controller/first-step";
import { createUser } from "@/lib/server/user/create-user";
import { browser, userWithPin } from "./support";

const mode = (file: string) => statSync(file).mode & 0o777;

describe("Database files", () => {
  it("are created readable by their owner only, the WAL and shared memory with them", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "console-"));
    const file = path.join(dir, "console.db");
    ensurePrivateSqliteFile(file);
    const sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
    for (const suffix of ["", "-wal", "-shm"]) expect(mode(file + suffix), suffix || "db").toBe(0o600);
    sqlite.close();
    // A file left world-readable by an older version is closed on the next start.
    writeFileSync(path.join(dir, "old.db"), "", { mode: 0o644 });
    ensurePrivateSqliteFile(path.join(dir, "old.db"));
    expect(mode(path.join(dir, "old.db"))).toBe(0o600);
  });

  it.runIf(!isPostgresUrl(databaseUrl()))("hold for the database these tests run on", async () => {
    await db.signInThrottle.count();
    expect(mode(sqlitePath())).toBe(0o600);
  });
});

describe("Login answers", () => {
  it("take as long for a provisional password, a personal one and an unknown login", async () => {
    const { account, fqdn } = await userWithPin();
    const ctx = { accountId: account.accountId, actor: "responsable", ip: "127.0.0.1" };
    await createUser(ctx, { loginId: "jnouveau", lastName: "Nouveau", firstName: "Jean" });
    const time = async (loginId: string) => {
      await db.signInThrottle.deleteMany({ where: { key: { contains: `:${loginId}` } } });
      const start = performance.now();
      await startUserSignIn({ domain: fqdn, loginId, password: "Mauvais-mot-2026" }, browser()).catch(() => {});
      return performance.now() - start;
    };
    await time("inconnu0"); // the dummy hash
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const runs = { provisional: [] as number[], personal: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 9; i++) {
      runs.provisional.push(await time("jnouveau"));
      runs.personal.push(await time("afilaire"));
      runs.unknown.push(await time(`inconnu${i + 1}`));
    }
    const [provisional, personal, unknown] = [median(runs.provisional), median(runs.personal), median(runs.unknown)];
    console.log(`provisional ${provisional.toFixed(0)} ms, personal ${personal.toFixed(0)} ms, unknown ${unknown.toFixed(0)} ms`);
    for (const [a, b] of [
      [provisional, unknown],
      [personal, unknown],
    ]) {
      expect(a / b).toBeGreaterThan(0.6);
      expect(a / b).toBeLessThan(1.6);
    }
  });
});
