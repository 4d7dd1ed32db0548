-- STSWEB teachers' subjects, and the establishment's postal address for letters sent by post.
-- Written by hand (`prisma migrate diff` against PostgreSQL hangs here); equivalent to it.

-- AlterTable
ALTER TABLE "EspacePerson" ADD COLUMN "subjects" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "HostingAccount" ADD COLUMN "postalAddress" TEXT NOT NULL DEFAULT '';
