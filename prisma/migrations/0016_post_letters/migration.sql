-- Letters by post: one letter per household, label sheets.
-- AlterTable
ALTER TABLE "LetterBatch" ADD COLUMN "perHousehold" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "LetterBatch" ADD COLUMN "labelFormat" TEXT NOT NULL DEFAULT '';
