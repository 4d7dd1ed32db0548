-- SIECLE and STSWEB imports: the national key, source, contact details and postal address of a
-- person, his departure, and the responsables of each pupil.
-- Written by hand (`prisma migrate diff` against PostgreSQL hangs here); equivalent to it.

-- AlterTable
ALTER TABLE "EspacePerson" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'SAISIE',
ADD COLUMN "nationalKey" TEXT,
ADD COLUMN "mobile" TEXT NOT NULL DEFAULT '',
ADD COLUMN "acceptsSms" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "postalAddress" TEXT NOT NULL DEFAULT '',
ADD COLUMN "householdKey" TEXT NOT NULL DEFAULT '',
ADD COLUMN "leftAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PupilResponsable" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "pupilId" TEXT NOT NULL,
    "responsableId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "relationship" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "PupilResponsable_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EspacePerson_accountId_population_nationalKey_key" ON "EspacePerson"("accountId", "population", "nationalKey");
CREATE INDEX "PupilResponsable_responsableId_idx" ON "PupilResponsable"("responsableId");
CREATE INDEX "PupilResponsable_accountId_idx" ON "PupilResponsable"("accountId");
CREATE UNIQUE INDEX "PupilResponsable_pupilId_responsableId_key" ON "PupilResponsable"("pupilId", "responsableId");

-- AddForeignKey
ALTER TABLE "PupilResponsable" ADD CONSTRAINT "PupilResponsable_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "EspacePerson"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PupilResponsable" ADD CONSTRAINT "PupilResponsable_responsableId_fkey" FOREIGN KEY ("responsableId") REFERENCES "EspacePerson"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every person so far came from a CSV import.
UPDATE "EspacePerson" SET "source" = 'CSV';
