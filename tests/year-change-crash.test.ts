import { execFileSync, spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isPostgresUrl } from "@/lib/database-url";
import { readMailbox } from "@/lib/dev/outboxes";
import { schoolYearVersion } from "@/lib/product-version";

// Seed 004's end-of-August change with an instance killed (SIGKILL) in the middle of it: two other
// instances start, and every account is changed exactly once — one new base per planning, one
// archive, one journal line per base moved — and its responsible e-mailed: none is lost; a second
// copy is possible only for a kill in the milliseconds between the SMTP server's "250" and the
// record of it (lib/server/school-year/step-record.ts), so at most one account of the killed one's.
const ACCOUNTS = 30;
const thisYear = schoolYearVersion(new Date());
const url = isPostgresUrl(process.env.DATABASE_URL)
  ? process.env.DATABASE_URL!.replace(/\/([^/?]+)(\?|$)/, "/$1_year$2")
  : "file:./.data/test/year.db";
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: url,
  NODE_ENV: "test",
  YEAR_CLOCK: `${thisYear + 1}-08-26T08:00:00Z`,
  JOBS_POLL_MS: "50",
  // An e-mail the killed instance was sending is sent by another after this lease, not 90 s.
  YEAR_MAIL_LEASE_SECONDS: "3",
};
const worker = ["--conditions=react-server", "--import", "tsx", "tests/support/year-worker.ts"];

/** Starts an instance; resolves when it has printed DONE ≥ `killAt` (then kills it) or ends by itself. */
function instance(killAt: number | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...worker, "work", String(ACCOUNTS)], { env, stdio: ["ignore", "pipe", "pipe"] });
    let errors = "";
    let done = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/DONE (\d+)/g)) done = Number(match[1]);
      if (killAt !== null && done >= killAt) child.kill("SIGKILL");
    });
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    const deadline = setTimeout(() => child.kill("SIGKILL"), 240_000);
    child.on("exit", (code, signal) => {
      clearTimeout(deadline);
      if (killAt === null && code !== 0) return reject(new Error(`instance ended (${code ?? signal}) at ${done}: ${errors.slice(-2000)}`));
      resolve(done);
    });
  });
}

describe("the end-of-August change across a killed instance", () => {
  it(`changes each of ${ACCOUNTS} accounts exactly once when an instance dies half-way`, { timeout: 300_000 }, async () => {
    execFileSync(process.execPath, ["scripts/db-migrate.mjs", "--fresh"], { env, stdio: "ignore" });
    const label = `rentree${randomInt(1e6, 9e6)}`;
    execFileSync(process.execPath, [...worker, "setup", String(ACCOUNTS), label], { env, stdio: "ignore" });

    const killedAt = await instance(5);
    expect(killedAt).toBeGreaterThanOrEqual(5);
    expect(killedAt).toBeLessThan(ACCOUNTS);
    const [b, c] = await Promise.all([instance(null), instance(null)]);
    expect([b, c]).toEqual([ACCOUNTS, ACCOUNTS]);

    const accounts = JSON.parse(execFileSync(process.execPath, [...worker, "verify", label], { env, encoding: "utf8" })) as {
      email: string;
      version: string;
      bases: string[];
      archives: number[];
      steps: string[];
      changeLines: string[];
    }[];
    expect(accounts).toHaveLength(ACCOUNTS);
    const next = String(thisYear + 1);
    for (const account of accounts) {
      expect(account.version).toBe(next);
      expect(account.bases).toEqual([next, next]);
      expect(account.archives).toEqual([thisYear, thisYear]);
      expect(account.steps).toEqual(["CHANGE"]);
      // One line per base moved, and the account's summary: never twice.
      expect(account.changeLines.filter((line) => line.includes("en service à la place de"))).toHaveLength(2);
      expect(account.changeLines.filter((line) => line.startsWith(`Version ${next} :`))).toHaveLength(1);
    }
    const mails = readMailbox().filter(
      (mail) => mail.to.some((to) => to.startsWith(`${label}-`)) && mail.subject.includes(`version ${next}`),
    );
    const perAccount = new Map<string, number>();
    for (const mail of mails) perAccount.set(mail.to[0], (perAccount.get(mail.to[0]) ?? 0) + 1);
    expect(perAccount.size).toBe(ACCOUNTS);
    expect([...perAccount.values()].filter((count) => count > 1).length).toBeLessThanOrEqual(1);
    console.log(`instance tuée après ${killedAt} comptes ; ${accounts.length} comptes changés une fois, ${mails.length} e-mails`);
  });
});
