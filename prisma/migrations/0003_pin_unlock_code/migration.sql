-- AlterTable
ALTER TABLE "ControllerUser" ADD COLUMN "pinUnlockCodeHash" TEXT;
ALTER TABLE "ControllerUser" ADD COLUMN "pinUnlockExpiresAt" DATETIME;

