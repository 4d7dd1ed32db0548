// The SQLite file holds every hash, token and provisional password: it, its WAL and shared-memory
// files are readable by the console's own user only (0600; SQLite gives its -wal and -shm files
// the database file's permissions). Used by the migrations (which create the file) and the console.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";

export function ensurePrivateSqliteFile(file) {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, "a", 0o600));
  for (const suffix of ["", "-wal", "-shm", "-journal"]) {
    if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
  }
}
