/** The database the console uses: an SQLite file by default, so that nothing needs installing (X6). */
export const DEFAULT_DATABASE_URL = "file:./.data/console.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** `postgresql://…` or `postgres://…` selects PostgreSQL (production); anything else is an SQLite file. */
export function isPostgresUrl(url = databaseUrl()): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** better-sqlite3 wants a path; Prisma URLs say `file:<path>`. */
export function sqlitePath(url = databaseUrl()): string {
  return url.replace(/^file:/, "");
}

/** prisma/schema.prisma is the data model; PostgreSQL's copy differs only in its provider and output. */
export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";
