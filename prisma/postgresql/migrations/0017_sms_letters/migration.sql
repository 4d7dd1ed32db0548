-- "Connexion des …" by SMS: the models' channel, the mobile number of a delivery.
-- Written by hand (`prisma migrate diff` against PostgreSQL hangs here); equivalent to it.

-- AlterTable
ALTER TABLE "LetterModel" ADD COLUMN "channel" TEXT NOT NULL DEFAULT 'LETTER';

-- AlterTable
ALTER TABLE "LetterDelivery" ADD COLUMN "mobile" TEXT NOT NULL DEFAULT '';
