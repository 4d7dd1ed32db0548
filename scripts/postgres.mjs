#!/usr/bin/env node
// A throwaway PostgreSQL server for the tests and the benchmarks, from Debian's packages (installed
// when missing and run as root): `node scripts/postgres.mjs start|stop`. Its cluster lives in
// POSTGRES_DIR (/tmp/console-postgres), listens on 127.0.0.1:POSTGRES_PORT (5544), trusts loopback,
// and is owned by the `postgres` system user when started as root (the server refuses root).
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";

export const POSTGRES_PORT = Number(process.env.POSTGRES_PORT ?? 5544);
const dir = process.env.POSTGRES_DIR ?? "/tmp/console-postgres";

function binDir() {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin/initdb"))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : null;
}

function ensureInstalled() {
  if (binDir()) return binDir();
  if (process.getuid?.() !== 0) {
    console.error("PostgreSQL est introuvable : installez-le avec « sudo apt-get install postgresql ».");
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "postgresql"], { stdio: "inherit", env });
  return binDir();
}

/** Runs a server binary as `postgres` when we are root, as ourselves otherwise. */
function asOwner(bin, args) {
  const root = process.getuid?.() === 0;
  const [command, argv] = root ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const result = spawnSync(command, argv, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  return result;
}

export function postgresUrl(database) {
  const user = process.getuid?.() === 0 ? "postgres" : userInfo().username;
  return `postgresql://${user}@127.0.0.1:${POSTGRES_PORT}/${database}`;
}

export function startPostgres() {
  const bin = ensureInstalled();
  const running = asOwner(path.join(bin, "pg_ctl"), ["-D", dir, "status"]);
  if (running.status === 0) return;
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
      chownSync(dir, uid, gid);
    }
    const init = asOwner(path.join(bin, "initdb"), ["-D", dir, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]);
    if (init.status !== 0) throw new Error(`initdb a échoué : ${init.stderr}`);
  }
  const options = `-p ${POSTGRES_PORT} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=200`;
  const start = asOwner(path.join(bin, "pg_ctl"), ["-D", dir, "-l", path.join(dir, "server.log"), "-o", options, "-w", "start"]);
  if (start.status !== 0) throw new Error(`PostgreSQL n'a pas démarré : ${start.stderr}${start.stdout}`);
}

export function stopPostgres() {
  const bin = binDir();
  if (bin && existsSync(dir)) asOwner(path.join(bin, "pg_ctl"), ["-D", dir, "-m", "fast", "stop"]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const command = process.argv[2];
  if (command === "--help" || command === "-h") {
    console.log(`npm run postgres -- start|stop : le serveur PostgreSQL jetable des tests, sur 127.0.0.1:${POSTGRES_PORT} (${dir})`);
  } else if (command === "start") {
    startPostgres();
    console.log(`PostgreSQL écoute sur 127.0.0.1:${POSTGRES_PORT} (${dir}) ; ex. ${postgresUrl("console")}`);
  } else if (command === "stop") stopPostgres();
  else {
    console.error("usage : node scripts/postgres.mjs start|stop");
    process.exit(2);
  }
}
