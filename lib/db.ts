import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, sqlitePath } from "@/lib/database-url";

function createClient() {
  // A busy timeout lets a short write from the operator's command line wait instead of failing.
  const adapter = new PrismaBetterSQLite3({ url: sqlitePath(databaseUrl()), timeout: 5000 });
  return new PrismaClient({
    adapter,
    // Secrets are never read by accident: the few places that verify them ask for them by name.
    omit: {
      hostingAccount: { consolePasswordHash: true, invoiceNumberHash: true },
      deviceCertificate: { tokenHash: true },
      controllerUser: { passwordHash: true, provisionalPasswordEnc: true, pinHash: true, pinUnlockCodeHash: true },
      recognizedDevice: { tokenHash: true },
      sendingAccount: { codeHash: true, secretAnswerHash: true },
      espacePerson: { provisionalPasswordEnc: true, passwordHash: true },
    },
  });
}

type Client = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];

// One client per process: a second connection pool to the same SQLite file invites lock errors.
const globalForPrisma = globalThis as unknown as { prisma?: Client };
export const db: Client = globalForPrisma.prisma ?? createClient();
globalForPrisma.prisma = db;
