-- Sign-in through CAS and SAML, "Intégration dans un ENT": the proofs that served once, the
-- planning's ENT settings, the people's ENT identity and birth date.
-- CreateTable
CREATE TABLE "UsedDirectoryProof" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL
);
CREATE INDEX "UsedDirectoryProof_expiresAt_idx" ON "UsedDirectoryProof"("expiresAt");
-- AlterTable
ALTER TABLE "Planning" ADD COLUMN "entSettings" TEXT NOT NULL DEFAULT '';
ALTER TABLE "EspacePerson" ADD COLUMN "directSignIn" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "EspacePerson" ADD COLUMN "casId" TEXT NOT NULL DEFAULT '';
ALTER TABLE "EspacePerson" ADD COLUMN "birthDate" TEXT NOT NULL DEFAULT '';

CREATE INDEX "EspacePerson_planningId_casId_idx" ON "EspacePerson"("planningId", "casId");

-- CreateTable
CREATE TABLE "SamlRequest" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);
CREATE INDEX "SamlRequest_expiresAt_idx" ON "SamlRequest"("expiresAt");
