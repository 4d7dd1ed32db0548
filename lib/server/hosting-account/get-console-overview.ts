import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import type { Controller, HostingAccount, Planning } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/server/errors";

type Account = Pick<
  HostingAccount,
  | "id"
  | "product"
  | "establishment"
  | "rne"
  | "hostingNumber"
  | "responsibleName"
  | "responsibleEmail"
  | "licensedPlannings"
  | "licensedConnections"
  | "licenceAcceptedAt"
  | "licenceVersion"
  | "preVersion"
  | "preVersionRequestedAt"
  | "version"
>;
type ControllerSettings = Pick<
  Controller,
  | "id"
  | "status"
  | "port"
  | "allowedMeasures"
  | "pinMinLength"
  | "passwordMinLength"
  | "ldapSettings"
  | "casSettings"
  | "wsfedSettings"
  | "samlSettings"
  | "requireSecondFactor"
>;
type PlanningSettings = Pick<
  Planning,
  "id" | "position" | "name" | "netLicence" | "port" | "timeZone" | "status" | "publication" | "publicationName" | "publicUrl"
>;
export type ConsoleOverview = Account & {
  controller: ControllerSettings & { domain: { fqdn: string } | null };
  plannings: (PlanningSettings & { domain: { fqdn: string } | null; base: { name: string } | null })[];
};

type AccountRow = Account & { controllerStatus: string; controllerPort: number; fqdn: string | null } & Omit<
    ControllerSettings,
    "status" | "port" | "id"
  > & { controllerId: string };
type PlanningRow = PlanningSettings & { fqdn: string | null; baseName: string | null };

const domainOf = (fqdn: string | null) => (fqdn === null ? null : { fqdn });

/**
 * The account, its controller and its plannings with their domain names, for the console's panels:
 * two statements, cached for the request, where Prisma would compile and run six queries on every
 * page. tests/console-overview.test.ts compares them with Prisma's reading on both databases.
 */
export const getConsoleOverview = cache(async (accountId: string): Promise<ConsoleOverview> => {
  const [accounts, plannings] = await Promise.all([
    db.$queryRaw<AccountRow[]>`
      SELECT a.id AS "id", a.product AS "product", a.establishment AS "establishment", a.rne AS "rne",
        a."hostingNumber" AS "hostingNumber", a."responsibleName" AS "responsibleName",
        a."responsibleEmail" AS "responsibleEmail", a."licensedPlannings" AS "licensedPlannings",
        a."licensedConnections" AS "licensedConnections", a."licenceAcceptedAt" AS "licenceAcceptedAt",
        a."licenceVersion" AS "licenceVersion", a."preVersion" AS "preVersion",
        a."preVersionRequestedAt" AS "preVersionRequestedAt", a.version AS "version",
        c.id AS "controllerId", c.status AS "controllerStatus", c.port AS "controllerPort",
        c."allowedMeasures" AS "allowedMeasures", c."pinMinLength" AS "pinMinLength",
        c."passwordMinLength" AS "passwordMinLength", c."ldapSettings" AS "ldapSettings",
        c."casSettings" AS "casSettings", c."wsfedSettings" AS "wsfedSettings", c."samlSettings" AS "samlSettings",
        c."requireSecondFactor" AS "requireSecondFactor", d.fqdn AS "fqdn"
      FROM "HostingAccount" a
      JOIN "Controller" c ON c."accountId" = a.id
      LEFT JOIN "Domain" d ON d."controllerId" = c.id
      WHERE a.id = ${accountId}`,
    db.$queryRaw<PlanningRow[]>`
      SELECT p.id AS "id", p.position AS "position", p.name AS "name", p."netLicence" AS "netLicence",
        p.port AS "port", p."timeZone" AS "timeZone", p.status AS "status", p.publication AS "publication",
        p."publicationName" AS "publicationName", p."publicUrl" AS "publicUrl", d.fqdn AS "fqdn", b.name AS "baseName"
      FROM "Planning" p
      LEFT JOIN "Domain" d ON d."planningId" = p.id
      LEFT JOIN "TimetableBase" b ON b."planningId" = p.id
      WHERE p."accountId" = ${accountId}
      ORDER BY p.position`,
  ]);
  const row = accounts[0];
  if (!row) throw notFound();
  const { controllerId, controllerStatus, controllerPort, fqdn, ...rest } = row;
  const {
    allowedMeasures,
    pinMinLength,
    passwordMinLength,
    ldapSettings,
    casSettings,
    wsfedSettings,
    samlSettings,
    requireSecondFactor,
    ...account
  } = rest;
  return {
    ...account,
    controller: {
      id: controllerId,
      status: controllerStatus,
      port: controllerPort,
      allowedMeasures,
      pinMinLength,
      passwordMinLength,
      ldapSettings,
      casSettings,
      wsfedSettings,
      samlSettings,
      // SQLite answers a boolean column as 0 or 1 to a raw statement.
      requireSecondFactor: Boolean(Number(requireSecondFactor)),
      domain: domainOf(fqdn),
    },
    plannings: plannings.map(({ fqdn, baseName, ...planning }) => ({
      ...planning,
      domain: domainOf(fqdn),
      base: baseName === null ? null : { name: baseName },
    })),
  };
});

export async function listCertificates(accountId: string) {
  return db.deviceCertificate.findMany({ where: { accountId }, orderBy: { createdAt: "desc" } });
}

const journalOrder = [{ createdAt: "desc" }, { id: "desc" }] as const;
export const JOURNAL_PAGE_SIZE = 50;

/** X2 "Journal des actions", newest first, a page at a time. */
export async function listAuditEvents(accountId: string, page = 1) {
  const total = await db.auditEvent.count({ where: { accountId } });
  const pageCount = Math.max(1, Math.ceil(total / JOURNAL_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount);
  const rows = await db.auditEvent.findMany({
    where: { accountId },
    orderBy: [...journalOrder],
    skip: (current - 1) * JOURNAL_PAGE_SIZE,
    take: JOURNAL_PAGE_SIZE,
  });
  return { rows, total, page: current, pageCount };
}

/** The whole journal, read a thousand lines at a time (its CSV export). */
export async function* everyAuditEvent(accountId: string) {
  for (let cursor: string | undefined; ; ) {
    const rows = await db.auditEvent.findMany({
      where: { accountId },
      orderBy: [...journalOrder],
      take: 1000,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    yield* rows;
    if (rows.length < 1000) return;
    cursor = rows[rows.length - 1].id;
  }
}
