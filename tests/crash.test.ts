import { execFileSync, spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { isPostgresUrl } from "@/lib/database-url";

// X3: a server killed (SIGKILL) in the middle of its writes loses none it acknowledged and leaves no
// half-written transaction. A writer process runs the console's write paths — one user with its
// journal line, or twenty users and one journal line, each in one transaction — and is killed at a
// random moment, 100 times; the database is then read back.
const KILLS = 100;
const GROUP_SIZE = 20;
const url = isPostgresUrl(process.env.DATABASE_URL)
  ? process.env.DATABASE_URL!.replace(/\/([^/?]+)(\?|$)/, "/$1_crash$2")
  : "file:./.data/test/crash.db";
const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, NODE_ENV: "test" };
const writer = ["--conditions=react-server", "--import", "tsx", "tests/support/crash-writer.ts"];

function runWriter(args: string[]): string {
  return execFileSync(process.execPath, [...writer, ...args], { env, encoding: "utf8" }).trim();
}

/** Starts a writer, waits for its first acknowledged write, kills it some milliseconds later. */
function killMidWrite(accountId: string, prefix: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...writer, "write", accountId, prefix], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let errors = "";
    let armed = false;
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (!armed && out.includes("ACK ")) {
        armed = true;
        setTimeout(() => child.kill("SIGKILL"), 5 + Math.floor(Math.random() * 150));
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    const deadline = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code, signal) => {
      clearTimeout(deadline);
      if (signal !== "SIGKILL") return reject(new Error(`writer ended by itself (${code}): ${errors}`));
      resolve(out.split("\n").filter((line) => line.startsWith("ACK ")));
    });
  });
}

describe("X3 crashes", () => {
  it(`keeps every acknowledged write and no half transaction through ${KILLS} SIGKILLs mid-write`, { timeout: 900_000 }, async () => {
    execFileSync(process.execPath, ["scripts/db-migrate.mjs", "--fresh"], { env, stdio: "ignore" });
    const accountId = runWriter(["setup"]);
    const acked: string[] = [];
    for (let kill = 0; kill < KILLS; kill++) acked.push(...(await killMidWrite(accountId, `k${kill}`)));

    const stored = JSON.parse(runWriter(["verify", accountId])) as { logins: string[]; audits: string[]; integrity: string };
    expect(stored.integrity).toBe("ok");
    const logins = new Set(stored.logins);
    const singles = acked.filter((line) => line.startsWith("ACK single ")).map((line) => line.slice(11));
    const groups = acked.filter((line) => line.startsWith("ACK group ")).map((line) => line.slice(10));
    // Every acknowledged write survived.
    expect(singles.filter((login) => !logins.has(login))).toEqual([]);
    expect(groups.filter((group) => !logins.has(`${group}-0`) || !logins.has(`${group}-${GROUP_SIZE - 1}`))).toEqual([]);
    // Every group is whole or absent, and each write has exactly its journal line.
    const bySource = new Map<string, number>();
    for (const login of stored.logins) {
      const group = /^(k\d+g\d+)-\d+$/.exec(login)?.[1];
      if (group) bySource.set(group, (bySource.get(group) ?? 0) + 1);
    }
    expect([...bySource.values()].filter((count) => count !== GROUP_SIZE)).toEqual([]);
    const storedSingles = stored.logins.filter((login) => /^k\d+s\d+$/.test(login));
    expect(stored.audits.sort()).toEqual([...storedSingles, ...[...bySource.keys()].map(() => `${GROUP_SIZE} utilisateurs`)].sort());
    // Each writer was killed while writing, after at least one acknowledged write.
    expect(acked.length).toBeGreaterThan(KILLS);
    console.log(`${KILLS} SIGKILL, ${acked.length} écritures acquittées, ${stored.logins.length} utilisateurs relus`);
  });
});
