-- CreateTable
CREATE TABLE "HostingAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "licenceAcceptedAt" DATETIME,
    "licenceVersion" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DeviceCertificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "DeviceCertificate_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Controller" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 21200,
    "status" TEXT NOT NULL DEFAULT 'STOPPED',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Controller_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Planning" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "netLicence" BOOLEAN NOT NULL DEFAULT true,
    "port" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Paris',
    "status" TEXT NOT NULL DEFAULT 'STOPPED',
    "publication" TEXT NOT NULL DEFAULT 'UNPUBLISHED',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Planning_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Domain" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fqdn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "controllerId" TEXT,
    "planningId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Domain_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Domain_controllerId_fkey" FOREIGN KEY ("controllerId") REFERENCES "Controller" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Domain_planningId_fkey" FOREIGN KEY ("planningId") REFERENCES "Planning" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "blockedTil" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "ip" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboundMessage_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "HostingAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
CREATE INDEX "OutboundMessage_accountId_createdAt_idx" ON "OutboundMessage"("accountId", "createdAt");

