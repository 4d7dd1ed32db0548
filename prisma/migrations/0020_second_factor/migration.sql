-- Issue 29: a second factor for whoever holds a school's keys (the hosting responsible, a
-- controller user, an operator of the provider, who has no account) — TOTP applications (and later
-- passkeys) and ten recovery codes per owner; required by the provider (hosting responsible) or by
-- F5 Sécurité "Double authentification obligatoire" (superadministrators).
-- Written by hand: Prisma's SQLite diff rebuilds both tables, where a column with a default is one ALTER.

-- AlterTable
ALTER TABLE "HostingAccount" ADD COLUMN "requireSecondFactor" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Controller" ADD COLUMN "requireSecondFactor" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "SecondFactor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT,
    "ownerKind" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "secretEnc" TEXT NOT NULL DEFAULT '',
    "lastStep" INTEGER NOT NULL DEFAULT 0,
    "confirmedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    CONSTRAINT "SecondFactor_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT,
    "ownerKind" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "lookup" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecoveryCode_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SecondFactor_ownerKind_ownerId_idx" ON "SecondFactor"("ownerKind", "ownerId");

-- CreateIndex
CREATE INDEX "SecondFactor_accountId_idx" ON "SecondFactor"("accountId");

-- CreateIndex
CREATE INDEX "RecoveryCode_ownerKind_ownerId_lookup_idx" ON "RecoveryCode"("ownerKind", "ownerId", "lookup");

-- CreateIndex
CREATE INDEX "RecoveryCode_accountId_idx" ON "RecoveryCode"("accountId");
