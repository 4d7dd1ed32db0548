-- Letters by post: one letter per household, label sheets.
-- Written by hand (`prisma migrate diff` against PostgreSQL hangs here); equivalent to it.

-- AlterTable
ALTER TABLE "LetterBatch" ADD COLUMN "perHousehold" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "labelFormat" TEXT NOT NULL DEFAULT '';
