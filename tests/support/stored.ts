import { db } from "@/lib/db";
import { isPostgresUrl } from "@/lib/database-url";

// The rows as stored, past the client's omission of secret columns, on SQLite and on PostgreSQL.

export async function storedTables(): Promise<string[]> {
  const rows: { name: string }[] = isPostgresUrl()
    ? await db.$queryRawUnsafe("SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema()")
    : await db.$queryRawUnsafe("SELECT name FROM sqlite_master WHERE type = 'table'");
  return rows.map((row) => row.name);
}

/** Every row of a table, or those of one hosting account. */
export async function storedRows(table: string, accountId?: string): Promise<Record<string, unknown>[]> {
  const name = `"${table.replace(/"/g, '""')}"`;
  const placeholder = isPostgresUrl() ? "$1" : "?";
  return accountId === undefined
    ? db.$queryRawUnsafe(`SELECT * FROM ${name}`)
    : db.$queryRawUnsafe(`SELECT * FROM ${name} WHERE "accountId" = ${placeholder}`, accountId);
}
