-- Seed 004 "Chaque année": the version an account runs, its bases' archives per school year, and
-- the yearly steps done per account. An account with a base runs its base's version.
-- Written by hand (`prisma migrate diff` against PostgreSQL hangs here); equivalent to it.

-- AlterTable
ALTER TABLE "HostingAccount" ADD COLUMN "version" TEXT;

-- CreateTable
CREATE TABLE "BaseArchive" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "planningId" TEXT NOT NULL,
    "schoolYear" INTEGER NOT NULL,
    "baseName" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "yearData" TEXT NOT NULL DEFAULT '',
    "recoveredAt" TIMESTAMP(3),
    "recoveredItems" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "BaseArchive_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "YearlyStep" (
    "accountId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "doneAt" TIMESTAMP(3) NOT NULL,
    "mailLines" TEXT NOT NULL DEFAULT '[]',
    "mailSentAt" TIMESTAMP(3),
    "mailLeaseUntil" TIMESTAMP(3),

    CONSTRAINT "YearlyStep_pkey" PRIMARY KEY ("accountId","year","step")
);

-- CreateIndex
CREATE INDEX "BaseArchive_schoolYear_idx" ON "BaseArchive"("schoolYear");

-- CreateIndex
CREATE UNIQUE INDEX "BaseArchive_planningId_schoolYear_key" ON "BaseArchive"("planningId", "schoolYear");

-- CreateIndex
CREATE INDEX "YearlyStep_year_step_idx" ON "YearlyStep"("year", "step");

-- AddForeignKey
ALTER TABLE "BaseArchive" ADD CONSTRAINT "BaseArchive_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseArchive" ADD CONSTRAINT "BaseArchive_planningId_fkey" FOREIGN KEY ("planningId") REFERENCES "Planning"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "YearlyStep" ADD CONSTRAINT "YearlyStep_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The accounts that have a base run its version.
UPDATE "HostingAccount" SET "version" = (SELECT MAX("version") FROM "TimetableBase" WHERE "TimetableBase"."accountId" = "HostingAccount"."id");
