import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { notFound } from "@/lib/server/errors";

/**
 * Everything the Configuration panel and the checklist read, in one query scoped to the account;
 * cached for the request, since the layout and the page both need it.
 */
export const getConsoleOverview = cache(async (accountId: string) => {
  const account = await db.hostingAccount.findUnique({
    where: { id: accountId },
    include: {
      controller: { include: { domain: true } },
      plannings: { include: { domain: true, base: { select: { name: true } } }, orderBy: { position: "asc" } },
    },
  });
  if (!account || !account.controller) throw notFound();
  const [superadmins, users, paramClientDownload, sendingAccounts, emailedLetter] = await Promise.all([
    db.controllerUser.count({ where: { accountId, status: "SUPERADMIN" } }),
    db.controllerUser.count({ where: { accountId } }),
    db.auditEvent.findFirst({ where: { accountId, action: "client.param-client" }, select: { id: true } }),
    db.sendingAccount.count({ where: { accountId, readyAt: { not: null } } }),
    db.letterBatch.findFirst({ where: { accountId, output: "EMAIL", sent: { gt: 0 } }, select: { id: true } }),
  ]);
  return {
    ...account,
    controller: account.controller,
    hasSuperadmin: superadmins > 0,
    userCount: users,
    clientParametersDownloaded: paramClientDownload !== null,
    hasSendingAccount: sendingAccounts > 0,
    lettersEmailed: emailedLetter !== null,
  };
});

export type ConsoleOverview = Awaited<ReturnType<typeof getConsoleOverview>>;

export async function listCertificates(accountId: string) {
  return db.deviceCertificate.findMany({ where: { accountId }, orderBy: { createdAt: "desc" } });
}

export async function listAuditEvents(accountId: string, take = 200) {
  return db.auditEvent.findMany({ where: { accountId }, orderBy: { createdAt: "desc" }, take });
}
