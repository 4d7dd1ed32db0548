-- Issue 29: the provider's operators and their sessions (the back office /operateur), and what its
-- accounts list searches in (lower case here; new accounts also fold accents: lib/search-key.ts).

-- AlterTable
ALTER TABLE "HostingAccount" ADD COLUMN "searchKey" TEXT NOT NULL DEFAULT '';
UPDATE "HostingAccount" SET "searchKey" = lower("establishment" || ' ' || coalesce("rne", '') || ' ' || "responsibleName" || ' ' || "responsibleEmail");

-- CreateTable
CREATE TABLE "Operator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" DATETIME
);

-- CreateTable
CREATE TABLE "OperatorSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operatorId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "OperatorSession_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Operator_email_key" ON "Operator"("email");

-- CreateIndex
CREATE UNIQUE INDEX "OperatorSession_tokenHash_key" ON "OperatorSession"("tokenHash");

-- CreateIndex
CREATE INDEX "OperatorSession_operatorId_idx" ON "OperatorSession"("operatorId");

-- CreateIndex
CREATE INDEX "HostingAccount_createdAt_idx" ON "HostingAccount"("createdAt");

-- CreateIndex
CREATE INDEX "HostingAccount_product_createdAt_idx" ON "HostingAccount"("product", "createdAt");
