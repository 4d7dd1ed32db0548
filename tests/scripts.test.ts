import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const migrate = (args: string[], url: string) =>
  spawnSync(process.execPath, ["scripts/db-migrate.mjs", ...args], { encoding: "utf8", env: { ...process.env, DATABASE_URL: url } });

describe("scripts/db-migrate.mjs", () => {
  it("refuses to drop a database that is not on this machine, before connecting to it", () => {
    // db.example.org would not answer: the refusal comes first, at once.
    const refused = migrate(["--fresh"], "postgresql://postgres@db.example.org:5432/production");
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/Refusé : --fresh supprimerait la base de db\.example\.org/);
    expect(migrate(["--fresh"], "postgresql://postgres@10.0.0.5/console").status).toBe(2);
  });

  it("says how it is used", () => {
    const help = migrate(["--help"], "postgresql://postgres@db.example.org/production");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--allow-remote/);
  });
});
