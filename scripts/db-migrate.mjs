#!/usr/bin/env node
// Applies the committed migrations, then puts an SQLite file in WAL mode (kept in the file), so that
// readers never wait for the writer.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const url = process.env.DATABASE_URL || "file:./.data/console.db";
if (url.startsWith("file:")) mkdirSync(path.dirname(url.slice(5)), { recursive: true });
const migrate = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], {
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, DATABASE_URL: url },
});
if (migrate.status !== 0) {
  process.stdout.write(migrate.stdout);
  process.exit(migrate.status ?? 1);
}
if (url.startsWith("file:")) {
  const sqlite = new Database(url.slice(5));
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}
