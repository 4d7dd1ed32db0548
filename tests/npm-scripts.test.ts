import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const scripts = Object.keys((JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts);

/**
 * Every npm script starts: run with `--help`, each says how it is used and exits 0 without doing its
 * work (the project's own commands through scripts/usage.mjs, the tools' through their own --help).
 */
describe("npm scripts", () => {
  it("covers every script of package.json", () => {
    expect(scripts).toEqual(expect.arrayContaining(["demo", "mail-catcher", "test", "postgres", "bench:rentree", "db:generate"]));
  });

  it.each(scripts)("npm run %s -- --help starts and says how it is used", { timeout: 120_000 }, async (name) => {
    const { stdout, stderr } = await promisify(execFile)("npm", ["run", "--silent", name, "--", "--help"], {
      encoding: "utf8",
      timeout: 110_000,
      // Nothing may be written where the tests' database is: a script that ignored --help would show.
      env: { ...process.env, DATABASE_URL: "file:./.data/npm-scripts-help/never.db", NEXT_TELEMETRY_DISABLED: "1" },
    });
    expect(`${stdout}${stderr}`.trim().length, name).toBeGreaterThan(20);
    expect(stdout, name).not.toMatch(/Compte d'hébergement .* ouvert|Console d'hébergement sur http/);
  });
});
