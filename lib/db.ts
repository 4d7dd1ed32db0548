import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/prisma-postgresql/client";
import { databaseUrl, isPostgresUrl, sqlitePath } from "@/lib/database-url";
import { serializedSqlite } from "@/lib/sqlite-serial";
import { ensurePrivateSqliteFile } from "@/scripts/sqlite-file.mjs";

// Secrets are never read by accident: the few places that verify them ask for them by name.
const omit = {
  hostingAccount: { consolePasswordHash: true, invoiceNumberHash: true },
  deviceCertificate: { tokenHash: true },
  controllerUser: { passwordHash: true, provisionalPasswordEnc: true, pinHash: true, pinUnlockCodeHash: true },
  recognizedDevice: { tokenHash: true },
  sendingAccount: { codeHash: true, secretAnswerHash: true },
  espacePerson: { provisionalPasswordEnc: true, passwordHash: true },
  secondFactor: { secretEnc: true },
  recoveryCode: { codeHash: true },
  operator: { passwordHash: true },
  operatorSession: { tokenHash: true },
} as const;

/**
 * Prisma's defaults (2 s to get a connection, 5 s for the whole transaction) are shorter than a
 * rentrée's work: the 5,000 users of tests/school-size.test.ts, created in one transaction, failed
 * there once in CI on PostgreSQL (the test takes 6.8 s with both cores loaded), and on SQLite a
 * request waits for the one connection while such a batch holds it. The bulk
 * operations that need more still say so where they run.
 */
const transactionOptions = { maxWait: 15_000, timeout: 30_000 };

function createSqliteClient(url: string) {
  ensurePrivateSqliteFile(sqlitePath(url));
  // A busy timeout lets a short write from the operator's command line wait instead of failing.
  // One connection, shared by every request of the instance: statements wait for open transactions.
  return new PrismaClient({
    adapter: serializedSqlite(new PrismaBetterSQLite3({ url: sqlitePath(url), timeout: 5000 })),
    omit,
    transactionOptions,
  });
}

type Client = ReturnType<typeof createSqliteClient>;
export type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];

function createClient(): Client {
  const url = databaseUrl();
  if (!isPostgresUrl(url)) return createSqliteClient(url);
  // Both clients come from the same models (prisma/schema.prisma), so their query API is the same;
  // the code is typed against SQLite's, the portable subset, and runs on either.
  const pool = { connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) };
  return new PostgresClient({ adapter: new PrismaPg(pool), omit, transactionOptions }) as unknown as Client;
}

// One client per process: one connection pool (SQLite: one writer; PostgreSQL: a bounded pool).
const globalForPrisma = globalThis as unknown as { prisma?: Client };
export const db: Client = globalForPrisma.prisma ?? createClient();
globalForPrisma.prisma = db;
