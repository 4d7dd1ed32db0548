-- AlterTable
ALTER TABLE "HostingAccount" ADD COLUMN "preVersion" TEXT;
ALTER TABLE "HostingAccount" ADD COLUMN "preVersionRequestedAt" DATETIME;

-- AlterTable
ALTER TABLE "Planning" ADD COLUMN "publicUrl" TEXT;
ALTER TABLE "Planning" ADD COLUMN "publicationName" TEXT;

-- CreateTable
CREATE TABLE "TimetableBase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "planningId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "firstMonday" TEXT NOT NULL,
    "lastSunday" TEXT NOT NULL,
    "workingDays" TEXT NOT NULL,
    "sequencesPerDay" INTEGER NOT NULL,
    "sequenceMinutes" INTEGER NOT NULL,
    "split" INTEGER NOT NULL,
    "resources" TEXT NOT NULL,
    "lastEditedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TimetableBase_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TimetableBase_planningId_fkey" FOREIGN KEY ("planningId") REFERENCES "Planning" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "TimetableBase_planningId_key" ON "TimetableBase"("planningId");

-- CreateIndex
CREATE INDEX "TimetableBase_accountId_idx" ON "TimetableBase"("accountId");

