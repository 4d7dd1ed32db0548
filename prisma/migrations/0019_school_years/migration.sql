-- Seed 004 "Chaque année": the version an account runs, its bases' archives per school year, and
-- the yearly steps done per account. An account with a base runs its base's version.
-- AlterTable
ALTER TABLE "HostingAccount" ADD COLUMN "version" TEXT;

-- CreateTable
CREATE TABLE "BaseArchive" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "planningId" TEXT NOT NULL,
    "schoolYear" INTEGER NOT NULL,
    "baseName" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "yearData" TEXT NOT NULL DEFAULT '',
    "recoveredAt" DATETIME,
    "recoveredItems" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "BaseArchive_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BaseArchive_planningId_fkey" FOREIGN KEY ("planningId") REFERENCES "Planning" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "YearlyStep" (
    "accountId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "doneAt" DATETIME NOT NULL,
    "mailLines" TEXT NOT NULL DEFAULT '[]',
    "mailSentAt" DATETIME,
    "mailLeaseUntil" DATETIME,

    PRIMARY KEY ("accountId", "year", "step"),
    CONSTRAINT "YearlyStep_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BaseArchive_schoolYear_idx" ON "BaseArchive"("schoolYear");

-- CreateIndex
CREATE UNIQUE INDEX "BaseArchive_planningId_schoolYear_key" ON "BaseArchive"("planningId", "schoolYear");

-- CreateIndex
CREATE INDEX "YearlyStep_year_step_idx" ON "YearlyStep"("year", "step");


-- The accounts that have a base run its version.
UPDATE "HostingAccount" SET "version" = (SELECT MAX("version") FROM "TimetableBase" WHERE "TimetableBase"."accountId" = "HostingAccount"."id");
