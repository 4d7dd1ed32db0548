-- Sign-in through CAS and SAML, "Intégration dans un ENT": the proofs that served once, the
-- planning's ENT settings, the people's ENT identity and birth date.
-- Written by hand (`prisma migrate diff` against PostgreSQL hangs here); equivalent to it.

-- CreateTable
CREATE TABLE "UsedDirectoryProof" (
    "key" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsedDirectoryProof_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "UsedDirectoryProof_expiresAt_idx" ON "UsedDirectoryProof"("expiresAt");

-- AlterTable
ALTER TABLE "Planning" ADD COLUMN "entSettings" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "EspacePerson" ADD COLUMN "directSignIn" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "casId" TEXT NOT NULL DEFAULT '',
ADD COLUMN "birthDate" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "EspacePerson_planningId_casId_idx" ON "EspacePerson"("planningId", "casId");

-- CreateTable
CREATE TABLE "SamlRequest" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SamlRequest_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SamlRequest_expiresAt_idx" ON "SamlRequest"("expiresAt");
