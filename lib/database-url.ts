/** The database the console uses: an SQLite file by default, so that nothing needs installing (X6). */
export const DEFAULT_DATABASE_URL = "file:./.data/console.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** better-sqlite3 wants a path; Prisma URLs say `file:<path>`. */
export function sqlitePath(url = databaseUrl()): string {
  return url.replace(/^file:/, "");
}
