-- AlterTable
ALTER TABLE "ControllerUser" ADD COLUMN "phone" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ControllerUser" ADD COLUMN "mobile" TEXT NOT NULL DEFAULT '';
