-- CreateTable
CREATE TABLE "LetterBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "requestKey" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "output" TEXT NOT NULL,
    "attachPdf" BOOLEAN NOT NULL DEFAULT false,
    "withQr" BOOLEAN NOT NULL DEFAULT true,
    "modelId" TEXT NOT NULL,
    "modelName" TEXT NOT NULL,
    "population" TEXT NOT NULL,
    "sendingAccountId" TEXT,
    "total" INTEGER NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "leaseUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "LetterBatch_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LetterDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "batchId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "recipient" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT NOT NULL DEFAULT '',
    "sentAt" DATETIME,
    CONSTRAINT "LetterDelivery_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "LetterBatch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LetterToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "userId" TEXT,
    "personId" TEXT,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LetterToken_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LetterToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "ControllerUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LetterToken_personId_fkey" FOREIGN KEY ("personId") REFERENCES "EspacePerson" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LetterToken" ("accountId", "createdAt", "expiresAt", "id", "revokedAt", "tokenHash", "usedAt", "userId") SELECT "accountId", "createdAt", "expiresAt", "id", "revokedAt", "tokenHash", "usedAt", "userId" FROM "LetterToken";
DROP TABLE "LetterToken";
ALTER TABLE "new_LetterToken" RENAME TO "LetterToken";
CREATE UNIQUE INDEX "LetterToken_tokenHash_key" ON "LetterToken"("tokenHash");
CREATE INDEX "LetterToken_userId_idx" ON "LetterToken"("userId");
CREATE INDEX "LetterToken_personId_idx" ON "LetterToken"("personId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- AlterTable
ALTER TABLE "SendingAccount" ADD COLUMN "allowedUserIds" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "EspacePerson" ADD COLUMN "planningId" TEXT REFERENCES "Planning" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "EspacePerson" ADD COLUMN "letterTokenFailures" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "LetterBatch_accountId_createdAt_idx" ON "LetterBatch"("accountId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LetterBatch_accountId_requestKey_key" ON "LetterBatch"("accountId", "requestKey");

-- CreateIndex
CREATE INDEX "LetterDelivery_batchId_status_idx" ON "LetterDelivery"("batchId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "LetterDelivery_batchId_recipient_key" ON "LetterDelivery"("batchId", "recipient");

