-- CreateTable
CREATE TABLE "LetterToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LetterToken_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LetterToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "ControllerUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "ControllerUser" ADD COLUMN "letterTokenFailures" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "LetterToken_tokenHash_key" ON "LetterToken"("tokenHash");

-- CreateIndex
CREATE INDEX "LetterToken_userId_idx" ON "LetterToken"("userId");

