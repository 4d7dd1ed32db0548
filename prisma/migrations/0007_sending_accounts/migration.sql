-- CreateTable
CREATE TABLE "SendingAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ownerKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "codeHash" TEXT,
    "codeExpiresAt" DATETIME,
    "codeFailures" INTEGER NOT NULL DEFAULT 0,
    "verifiedAt" DATETIME,
    "secretQuestion" TEXT NOT NULL DEFAULT '',
    "secretAnswerHash" TEXT,
    "readyAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SendingAccount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SendingAccount_accountId_ownerKey_key" ON "SendingAccount"("accountId", "ownerKey");

