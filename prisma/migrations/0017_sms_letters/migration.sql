-- "Connexion des …" by SMS: the models' channel, the mobile number of a delivery.
-- AlterTable
ALTER TABLE "LetterModel" ADD COLUMN "channel" TEXT NOT NULL DEFAULT 'LETTER';
ALTER TABLE "LetterDelivery" ADD COLUMN "mobile" TEXT NOT NULL DEFAULT '';
