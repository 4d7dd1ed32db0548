-- Hostile conditions: tries reserved by compare-and-set, console sessions revocable on the server.
-- Written by hand (a column and a table added); equivalent to `prisma migrate diff`.

-- AlterTable
ALTER TABLE "SignInThrottle" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ConsoleSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "userId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "ConsoleSession_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ConsoleSession_accountId_idx" ON "ConsoleSession"("accountId");
CREATE INDEX "ConsoleSession_expiresAt_idx" ON "ConsoleSession"("expiresAt");
