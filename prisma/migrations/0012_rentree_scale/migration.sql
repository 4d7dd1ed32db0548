-- The rentrée at full size: searched lists, batches' progress and retries, background jobs, purges.
-- Written by hand (columns added, not tables redefined); equivalent to `prisma migrate diff`.

-- AlterTable
ALTER TABLE "ControllerUser" ADD COLUMN "searchKey" TEXT NOT NULL DEFAULT '';
ALTER TABLE "EspacePerson" ADD COLUMN "searchKey" TEXT NOT NULL DEFAULT '';
ALTER TABLE "LetterBatch" ADD COLUMN "waitingReason" TEXT NOT NULL DEFAULT '';
ALTER TABLE "LetterBatch" ADD COLUMN "startedAt" DATETIME;
ALTER TABLE "LetterBatch" ADD COLUMN "reportedAt" DATETIME;
ALTER TABLE "LetterBatch" ADD COLUMN "purgedAt" DATETIME;
ALTER TABLE "LetterBatch" ADD COLUMN "dedupeKey" TEXT;
ALTER TABLE "LetterBatch" ADD COLUMN "leaseHolder" TEXT NOT NULL DEFAULT '';
ALTER TABLE "LetterDelivery" ADD COLUMN "retryAt" DATETIME;

-- Existing rows: the search key as the code writes it, but for accents (SQL cannot fold them).
UPDATE "ControllerUser" SET "searchKey" = lower("lastName" || ' ' || "firstName" || ' ' || "loginId");
UPDATE "EspacePerson" SET "searchKey" = lower("lastName" || ' ' || "firstName" || ' ' || "loginId");
-- Batches already finished have been reported.
UPDATE "LetterBatch" SET "reportedAt" = "finishedAt" WHERE "status" = 'DONE';

-- CreateTable
CREATE TABLE "BackgroundJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "data" TEXT NOT NULL DEFAULT '{}',
    "singletonKey" TEXT,
    "runAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- DropIndex
DROP INDEX "EspacePerson_accountId_population_idx";

-- CreateIndex
CREATE INDEX "EspacePerson_accountId_population_groupName_lastName_firstName_idx" ON "EspacePerson"("accountId", "population", "groupName", "lastName", "firstName");
CREATE INDEX "BackgroundJob_runAt_idx" ON "BackgroundJob"("runAt");
CREATE UNIQUE INDEX "BackgroundJob_name_singletonKey_key" ON "BackgroundJob"("name", "singletonKey");
CREATE INDEX "SignInThrottle_updatedAt_idx" ON "SignInThrottle"("updatedAt");
CREATE INDEX "LetterToken_expiresAt_idx" ON "LetterToken"("expiresAt");
CREATE UNIQUE INDEX "LetterBatch_accountId_dedupeKey_key" ON "LetterBatch"("accountId", "dedupeKey");
