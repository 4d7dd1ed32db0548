-- CreateTable
CREATE TABLE "ControllerUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "loginId" TEXT NOT NULL,
    "loginKey" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "civility" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'USER',
    "consoleAccess" BOOLEAN NOT NULL DEFAULT false,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "passwordHash" TEXT,
    "provisionalPasswordEnc" TEXT,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "securityMeasure" TEXT,
    "pinHash" TEXT,
    "pinFailures" INTEGER NOT NULL DEFAULT 0,
    "pinLockedAt" DATETIME,
    "ldapId" TEXT NOT NULL DEFAULT '',
    "casId" TEXT NOT NULL DEFAULT '',
    "wsfedId" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ControllerUser_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProfileAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "planningId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "profile" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProfileAssignment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProfileAssignment_planningId_fkey" FOREIGN KEY ("planningId") REFERENCES "Planning" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProfileAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "ControllerUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssignmentModel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "entries" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AssignmentModel_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecognizedDevice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "RecognizedDevice_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecognizedDevice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "ControllerUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Controller" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 21200,
    "status" TEXT NOT NULL DEFAULT 'STOPPED',
    "updatedAt" DATETIME NOT NULL,
    "allowedMeasures" TEXT NOT NULL DEFAULT 'NONE,NOTIFY,PIN',
    "pinMinLength" INTEGER NOT NULL DEFAULT 4,
    "passwordMinLength" INTEGER NOT NULL DEFAULT 12,
    "ldapSettings" TEXT NOT NULL DEFAULT '',
    "casSettings" TEXT NOT NULL DEFAULT '',
    "wsfedSettings" TEXT NOT NULL DEFAULT '',
    "samlSettings" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Controller_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Controller" ("accountId", "id", "port", "status", "updatedAt") SELECT "accountId", "id", "port", "status", "updatedAt" FROM "Controller";
DROP TABLE "Controller";
ALTER TABLE "new_Controller" RENAME TO "Controller";
CREATE UNIQUE INDEX "Controller_accountId_key" ON "Controller"("accountId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ControllerUser_accountId_loginKey_key" ON "ControllerUser"("accountId", "loginKey");

-- CreateIndex
CREATE INDEX "ProfileAssignment_accountId_idx" ON "ProfileAssignment"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "ProfileAssignment_planningId_userId_key" ON "ProfileAssignment"("planningId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "AssignmentModel_accountId_name_key" ON "AssignmentModel"("accountId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "RecognizedDevice_tokenHash_key" ON "RecognizedDevice"("tokenHash");

-- CreateIndex
CREATE INDEX "RecognizedDevice_userId_idx" ON "RecognizedDevice"("userId");

