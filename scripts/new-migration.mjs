#!/usr/bin/env node
// `npm run db:new-migration -- <name>`: after editing prisma/schema.prisma, writes the migration from
// the last committed schema to the edited one for each database, under the same number:
// prisma/migrations/NNNN_<name> (SQLite) and prisma/postgresql/migrations/NNNN_<name> (PostgreSQL).
// Prisma's JavaScript schema engine diffs two datamodels without a shadow database; PostgreSQL's
// diff still connects, so the throwaway server of scripts/postgres.mjs is started.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { postgresSchema } from "./postgres-schema.mjs";
import { postgresUrl, startPostgres } from "./postgres.mjs";

const name = process.argv[2];
if (name === "--help" || name === "-h") {
  console.log("npm run db:new-migration -- <nom_en_minuscules> : la migration de SQLite et de PostgreSQL depuis le dernier schéma commité");
  process.exit(0);
}
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage : npm run db:new-migration -- <nom_en_minuscules>");
  process.exit(2);
}

const work = mkdtempSync(path.join(tmpdir(), "migration-"));
const committed = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" });
const edited = readFileSync("prisma/schema.prisma", "utf8");
const write = (file, text) => {
  writeFileSync(path.join(work, file), text);
  return path.join(work, file);
};

const number = (dir) =>
  Math.max(
    0,
    ...readdirSync(dir)
      .map((entry) => Number(entry.slice(0, 4)))
      .filter(Number.isFinite),
  );
const next = String(Math.max(number("prisma/migrations"), number("prisma/postgresql/migrations")) + 1).padStart(4, "0");

function diff(from, to, url) {
  const result = spawnSync(
    process.execPath,
    ["scripts/prisma.mjs", "migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: url } },
  );
  if (result.status !== 0) throw new Error(result.stderr || result.stdout);
  return result.stdout;
}

startPostgres();
const targets = [
  ["prisma/migrations", diff(write("from.sqlite.prisma", committed), write("to.sqlite.prisma", edited), "file:./.data/console.db")],
  [
    "prisma/postgresql/migrations",
    diff(write("from.pg.prisma", postgresSchema(committed)), write("to.pg.prisma", postgresSchema(edited)), postgresUrl("postgres")),
  ],
];
for (const [dir, sql] of targets) {
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.error(`Aucune différence entre le schéma validé et prisma/schema.prisma (${dir}).`);
    process.exit(1);
  }
  mkdirSync(path.join(dir, `${next}_${name}`), { recursive: true });
  writeFileSync(path.join(dir, `${next}_${name}`, "migration.sql"), sql);
  console.log(`${dir}/${next}_${name}/migration.sql`);
}
