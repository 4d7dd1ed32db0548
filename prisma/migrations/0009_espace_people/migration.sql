-- CreateTable
CREATE TABLE "EspacePerson" (
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
    "provisionalPasswordEnc" TEXT,
    "passwordHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EspacePerson_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "EspacePerson_accountId_population_idx" ON "EspacePerson"("accountId", "population");

-- CreateIndex
CREATE UNIQUE INDEX "EspacePerson_accountId_loginKey_key" ON "EspacePerson"("accountId", "loginKey");

