-- PostgreSQL's first migration: the data model as SQLite's migrations 0001 to 0011 left it.
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "HostingAccount" (
    "id" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "establishment" TEXT NOT NULL,
    "rne" TEXT,
    "hostingNumber" TEXT NOT NULL,
    "invoiceNumberHash" TEXT NOT NULL,
    "consolePasswordHash" TEXT NOT NULL,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "responsibleName" TEXT NOT NULL,
    "responsibleEmail" TEXT NOT NULL,
    "responsibleMobile" TEXT NOT NULL,
    "licensedPlannings" INTEGER NOT NULL DEFAULT 2,
    "licensedConnections" INTEGER NOT NULL DEFAULT 4,
    "licenceAcceptedAt" TIMESTAMP(3),
    "licenceVersion" TEXT,
    "preVersion" TEXT,
    "preVersionRequestedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HostingAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceCertificate" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "DeviceCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Controller" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 21200,
    "status" TEXT NOT NULL DEFAULT 'STOPPED',
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "allowedMeasures" TEXT NOT NULL DEFAULT 'NONE,NOTIFY,PIN',
    "pinMinLength" INTEGER NOT NULL DEFAULT 4,
    "passwordMinLength" INTEGER NOT NULL DEFAULT 12,
    "ldapSettings" TEXT NOT NULL DEFAULT '',
    "casSettings" TEXT NOT NULL DEFAULT '',
    "wsfedSettings" TEXT NOT NULL DEFAULT '',
    "samlSettings" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Controller_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Planning" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "netLicence" BOOLEAN NOT NULL DEFAULT true,
    "port" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Paris',
    "status" TEXT NOT NULL DEFAULT 'STOPPED',
    "publication" TEXT NOT NULL DEFAULT 'UNPUBLISHED',
    "publicationName" TEXT,
    "publicUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Planning_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Domain" (
    "id" TEXT NOT NULL,
    "fqdn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "controllerId" TEXT,
    "planningId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Domain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "blockedTil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "accountId" TEXT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "ip" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ControllerUser" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "loginId" TEXT NOT NULL,
    "loginKey" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "civility" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'USER',
    "consoleAccess" BOOLEAN NOT NULL DEFAULT false,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "passwordHash" TEXT,
    "provisionalPasswordEnc" TEXT,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "securityMeasure" TEXT,
    "pinHash" TEXT,
    "pinFailures" INTEGER NOT NULL DEFAULT 0,
    "pinLockedAt" TIMESTAMP(3),
    "pinUnlockCodeHash" TEXT,
    "pinUnlockExpiresAt" TIMESTAMP(3),
    "ldapId" TEXT NOT NULL DEFAULT '',
    "casId" TEXT NOT NULL DEFAULT '',
    "wsfedId" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "phone" TEXT NOT NULL DEFAULT '',
    "mobile" TEXT NOT NULL DEFAULT '',
    "letterTokenFailures" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ControllerUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProfileAssignment" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "planningId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "profile" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProfileAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssignmentModel" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "entries" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssignmentModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecognizedDevice" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "RecognizedDevice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimetableBase" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "planningId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "firstMonday" TEXT NOT NULL,
    "lastSunday" TEXT NOT NULL,
    "workingDays" TEXT NOT NULL,
    "sequencesPerDay" INTEGER NOT NULL,
    "sequenceMinutes" INTEGER NOT NULL,
    "split" INTEGER NOT NULL,
    "resources" TEXT NOT NULL,
    "lastEditedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TimetableBase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LetterToken" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "userId" TEXT,
    "personId" TEXT,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LetterToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SendingAccount" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ownerKey" TEXT NOT NULL,
    "allowedUserIds" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "codeHash" TEXT,
    "codeExpiresAt" TIMESTAMP(3),
    "codeFailures" INTEGER NOT NULL DEFAULT 0,
    "verifiedAt" TIMESTAMP(3),
    "secretQuestion" TEXT NOT NULL DEFAULT '',
    "secretAnswerHash" TEXT,
    "readyAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SendingAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LetterModel" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "population" TEXT NOT NULL,
    "originalKey" TEXT,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LetterModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EspacePerson" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "population" TEXT NOT NULL,
    "loginId" TEXT NOT NULL,
    "loginKey" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "civility" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "groupName" TEXT NOT NULL DEFAULT '',
    "planningId" TEXT,
    "provisionalPasswordEnc" TEXT,
    "passwordHash" TEXT,
    "letterTokenFailures" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EspacePerson_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LetterBatch" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "requestKey" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "output" TEXT NOT NULL,
    "attachPdf" BOOLEAN NOT NULL DEFAULT false,
    "withQr" BOOLEAN NOT NULL DEFAULT true,
    "modelId" TEXT NOT NULL,
    "modelName" TEXT NOT NULL,
    "population" TEXT NOT NULL,
    "sendingAccountId" TEXT,
    "total" INTEGER NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "LetterBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LetterDelivery" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "recipient" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT NOT NULL DEFAULT '',
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "LetterDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "HostingAccount_hostingNumber_key" ON "HostingAccount"("hostingNumber");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceCertificate_tokenHash_key" ON "DeviceCertificate"("tokenHash");

-- CreateIndex
CREATE INDEX "DeviceCertificate_accountId_idx" ON "DeviceCertificate"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "Controller_accountId_key" ON "Controller"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "Planning_accountId_position_key" ON "Planning"("accountId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Planning_accountId_port_key" ON "Planning"("accountId", "port");

-- CreateIndex
CREATE UNIQUE INDEX "Planning_accountId_name_key" ON "Planning"("accountId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Domain_fqdn_key" ON "Domain"("fqdn");

-- CreateIndex
CREATE UNIQUE INDEX "Domain_controllerId_key" ON "Domain"("controllerId");

-- CreateIndex
CREATE UNIQUE INDEX "Domain_planningId_key" ON "Domain"("planningId");

-- CreateIndex
CREATE INDEX "Domain_accountId_idx" ON "Domain"("accountId");

-- CreateIndex
CREATE INDEX "AuditEvent_accountId_createdAt_idx" ON "AuditEvent"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_accountId_action_idx" ON "AuditEvent"("accountId", "action");

-- CreateIndex
CREATE INDEX "OutboundMessage_accountId_createdAt_idx" ON "OutboundMessage"("accountId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ControllerUser_accountId_loginKey_key" ON "ControllerUser"("accountId", "loginKey");

-- CreateIndex
CREATE INDEX "ProfileAssignment_accountId_idx" ON "ProfileAssignment"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "ProfileAssignment_planningId_userId_key" ON "ProfileAssignment"("planningId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "AssignmentModel_accountId_name_key" ON "AssignmentModel"("accountId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "RecognizedDevice_tokenHash_key" ON "RecognizedDevice"("tokenHash");

-- CreateIndex
CREATE INDEX "RecognizedDevice_userId_idx" ON "RecognizedDevice"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "TimetableBase_planningId_key" ON "TimetableBase"("planningId");

-- CreateIndex
CREATE INDEX "TimetableBase_accountId_idx" ON "TimetableBase"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "LetterToken_tokenHash_key" ON "LetterToken"("tokenHash");

-- CreateIndex
CREATE INDEX "LetterToken_userId_idx" ON "LetterToken"("userId");

-- CreateIndex
CREATE INDEX "LetterToken_personId_idx" ON "LetterToken"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "SendingAccount_accountId_ownerKey_key" ON "SendingAccount"("accountId", "ownerKey");

-- CreateIndex
CREATE UNIQUE INDEX "LetterModel_accountId_name_key" ON "LetterModel"("accountId", "name");

-- CreateIndex
CREATE INDEX "EspacePerson_accountId_population_idx" ON "EspacePerson"("accountId", "population");

-- CreateIndex
CREATE UNIQUE INDEX "EspacePerson_accountId_loginKey_key" ON "EspacePerson"("accountId", "loginKey");

-- CreateIndex
CREATE INDEX "LetterBatch_accountId_createdAt_idx" ON "LetterBatch"("accountId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LetterBatch_accountId_requestKey_key" ON "LetterBatch"("accountId", "requestKey");

-- CreateIndex
CREATE INDEX "LetterDelivery_batchId_status_idx" ON "LetterDelivery"("batchId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "LetterDelivery_batchId_recipient_key" ON "LetterDelivery"("batchId", "recipient");

-- AddForeignKey
ALTER TABLE "DeviceCertificate" ADD CONSTRAINT "DeviceCertificate_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Controller" ADD CONSTRAINT "Controller_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Planning" ADD CONSTRAINT "Planning_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Domain" ADD CONSTRAINT "Domain_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Domain" ADD CONSTRAINT "Domain_controllerId_fkey" FOREIGN KEY ("controllerId") REFERENCES "Controller"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Domain" ADD CONSTRAINT "Domain_planningId_fkey" FOREIGN KEY ("planningId") REFERENCES "Planning"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundMessage" ADD CONSTRAINT "OutboundMessage_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControllerUser" ADD CONSTRAINT "ControllerUser_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProfileAssignment" ADD CONSTRAINT "ProfileAssignment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProfileAssignment" ADD CONSTRAINT "ProfileAssignment_planningId_fkey" FOREIGN KEY ("planningId") REFERENCES "Planning"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProfileAssignment" ADD CONSTRAINT "ProfileAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "ControllerUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentModel" ADD CONSTRAINT "AssignmentModel_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecognizedDevice" ADD CONSTRAINT "RecognizedDevice_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecognizedDevice" ADD CONSTRAINT "RecognizedDevice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "ControllerUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimetableBase" ADD CONSTRAINT "TimetableBase_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimetableBase" ADD CONSTRAINT "TimetableBase_planningId_fkey" FOREIGN KEY ("planningId") REFERENCES "Planning"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterToken" ADD CONSTRAINT "LetterToken_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterToken" ADD CONSTRAINT "LetterToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "ControllerUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterToken" ADD CONSTRAINT "LetterToken_personId_fkey" FOREIGN KEY ("personId") REFERENCES "EspacePerson"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SendingAccount" ADD CONSTRAINT "SendingAccount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterModel" ADD CONSTRAINT "LetterModel_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EspacePerson" ADD CONSTRAINT "EspacePerson_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EspacePerson" ADD CONSTRAINT "EspacePerson_planningId_fkey" FOREIGN KEY ("planningId") REFERENCES "Planning"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterBatch" ADD CONSTRAINT "LetterBatch_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterDelivery" ADD CONSTRAINT "LetterDelivery_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "LetterBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

