#!/usr/bin/env node
// Applies the committed migrations of the database DATABASE_URL names. `--fresh` starts from an
// empty database (tests): it drops what the URL names, so it refuses a PostgreSQL server that is not
// on this machine's loopback unless `--allow-remote` says so (as dub's assert-local-database).
// - SQLite: `prisma migrate deploy` (JavaScript schema engine); the file's folder is made and the
//   file put in WAL mode (kept in the file), so that readers never wait for the writer.
// - PostgreSQL: the database is created when missing, then prisma/postgresql/migrations/*/migration.sql
//   are applied here, in order, each in one transaction recorded in Prisma's `_prisma_migrations`
//   table (same columns and checksum, so `prisma migrate status` reads it). Prisma 6.19's JavaScript
//   schema engine hangs in `migrate deploy` on PostgreSQL; an advisory lock lets several instances
//   start at once, one migrating while the others wait.
import { spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ensurePrivateSqliteFile } from "./sqlite-file.mjs";
import pg from "pg";

const url = process.env.DATABASE_URL || "file:./.data/console.db";
const fresh = process.argv.includes("--fresh");
const POSTGRES_MIGRATIONS = "prisma/postgresql/migrations";
const LOCK_ID = 727_001; // the advisory lock the migrating instance holds

if (process.argv.includes("--help")) {
  console.log("Usage : node scripts/db-migrate.mjs [--fresh [--allow-remote]]");
  console.log("  Applique les migrations à la base que DATABASE_URL désigne (par défaut file:./.data/console.db).");
  console.log("  --fresh         repart d'une base vide (la base existante est supprimée) ;");
  console.log("  --allow-remote  autorise --fresh sur un serveur PostgreSQL qui n'est pas sur cette machine.");
  process.exit(0);
}
if (fresh && !process.argv.includes("--allow-remote") && !onLoopback(url)) {
  console.error(
    `Refusé : --fresh supprimerait la base de ${new URL(url).hostname}, qui n'est pas sur cette machine. ` +
      "Ajoutez --allow-remote si c'est bien voulu.",
  );
  process.exit(2);
}

/** SQLite files are local; a PostgreSQL URL on localhost, 127.0.0.0/8, ::1 or a Unix socket is. */
function onLoopback(databaseUrl) {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) return true;
  const parsed = new URL(databaseUrl);
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const socket = parsed.searchParams.get("host");
  if (!host) return !socket || socket.startsWith("/");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

if (/^postgres(ql)?:\/\//.test(url)) await migratePostgres();
else migrateSqlite();

function migrateSqlite() {
  const file = url.replace(/^file:/, "");
  if (fresh) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  ensurePrivateSqliteFile(file);
  const migrate = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, DATABASE_URL: url },
  });
  if (migrate.status !== 0) {
    process.stdout.write(migrate.stdout);
    process.exit(migrate.status ?? 1);
  }
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  ensurePrivateSqliteFile(file);
}

async function migratePostgres() {
  await ensureDatabase();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const names = readdirSync(POSTGRES_MIGRATIONS)
      .filter((name) => existsSync(path.join(POSTGRES_MIGRATIONS, name, "migration.sql")))
      .sort();
    let count = 0;
    for (const name of names) {
      const sql = readFileSync(path.join(POSTGRES_MIGRATIONS, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      if (applied.has(name)) {
        if (applied.get(name) !== checksum) console.warn(`La migration ${name} a changé depuis qu'elle a été appliquée.`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
        count++;
      } catch (error) {
        await client.query("ROLLBACK");
        console.error(`La migration ${name} a échoué, rien n'en a été appliqué : ${error.message}`);
        process.exitCode = 1;
        return;
      }
    }
    console.log(count ? `${count} migration(s) appliquée(s).` : "La base est à jour.");
  } finally {
    await client.end();
  }
}

async function ensureDatabase() {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    if (fresh) await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) {
      // Two instances starting together may both find it missing: the loser's error is harmless.
      await client.query(`CREATE DATABASE ${quoted} ENCODING 'UTF8' TEMPLATE template0`).catch((error) => {
        if (error.code !== "42P04") throw error;
      });
    }
  } finally {
    await client.end();
  }
}
