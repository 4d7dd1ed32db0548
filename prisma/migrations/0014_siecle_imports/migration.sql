-- SIECLE and STSWEB imports: the national key, source, contact details and postal address of a
-- person, his departure, and the responsables of each pupil.
-- CreateTable
CREATE TABLE "PupilResponsable" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "pupilId" TEXT NOT NULL,
    "responsableId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "relationship" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "PupilResponsable_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "EspacePerson" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PupilResponsable_responsableId_fkey" FOREIGN KEY ("responsableId") REFERENCES "EspacePerson" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EspacePerson" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "population" TEXT NOT NULL,
    "loginId" TEXT NOT NULL,
    "loginKey" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "civility" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "groupName" TEXT NOT NULL DEFAULT '',
    "planningId" TEXT,
    "provisionalPasswordEnc" TEXT,
    "passwordHash" TEXT,
    "letterTokenFailures" INTEGER NOT NULL DEFAULT 0,
    "searchKey" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" TEXT NOT NULL DEFAULT 'SAISIE',
    "nationalKey" TEXT,
    "mobile" TEXT NOT NULL DEFAULT '',
    "acceptsSms" BOOLEAN NOT NULL DEFAULT false,
    "postalAddress" TEXT NOT NULL DEFAULT '',
    "householdKey" TEXT NOT NULL DEFAULT '',
    "leftAt" DATETIME,
    CONSTRAINT "EspacePerson_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EspacePerson_planningId_fkey" FOREIGN KEY ("planningId") REFERENCES "Planning" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_EspacePerson" ("accountId", "civility", "createdAt", "email", "firstName", "groupName", "id", "lastName", "letterTokenFailures", "loginId", "loginKey", "passwordHash", "planningId", "population", "provisionalPasswordEnc", "searchKey") SELECT "accountId", "civility", "createdAt", "email", "firstName", "groupName", "id", "lastName", "letterTokenFailures", "loginId", "loginKey", "passwordHash", "planningId", "population", "provisionalPasswordEnc", "searchKey" FROM "EspacePerson";
DROP TABLE "EspacePerson";
ALTER TABLE "new_EspacePerson" RENAME TO "EspacePerson";
CREATE INDEX "EspacePerson_accountId_population_groupName_lastName_firstName_idx" ON "EspacePerson"("accountId", "population", "groupName", "lastName", "firstName");
CREATE UNIQUE INDEX "EspacePerson_accountId_loginKey_key" ON "EspacePerson"("accountId", "loginKey");
CREATE UNIQUE INDEX "EspacePerson_accountId_population_nationalKey_key" ON "EspacePerson"("accountId", "population", "nationalKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PupilResponsable_responsableId_idx" ON "PupilResponsable"("responsableId");

-- CreateIndex
CREATE INDEX "PupilResponsable_accountId_idx" ON "PupilResponsable"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "PupilResponsable_pupilId_responsableId_key" ON "PupilResponsable"("pupilId", "responsableId");


-- Every person so far came from a CSV import.
UPDATE "EspacePerson" SET "source" = 'CSV';
