import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/server/errors";
import { SESSION_MAX_AGE_S } from "@/lib/server/sign-in/console-sessions";

/**
 * F5 Licences: what the licence grants and what is in use. Sessions are signed cookies that the
 * server does not list, so "Connexions en cours" counts the users whose last sign-in is younger
 * than a session's lifetime and who have not signed out since.
 */
export async function getLicenceUsage(accountId: string) {
  const account = await db.hostingAccount.findUnique({
    where: { id: accountId },
    select: {
      licensedPlannings: true,
      licensedConnections: true,
      plannings: { select: { netLicence: true, status: true, domain: { select: { id: true } } } },
    },
  });
  if (!account) throw notFound();
  const since = new Date(Date.now() - SESSION_MAX_AGE_S * 1000);
  const events = await db.auditEvent.findMany({
    where: { accountId, createdAt: { gte: since }, action: { in: ["user.signin.success", "user.signout"] } },
    orderBy: { createdAt: "asc" },
    select: { actor: true, action: true },
  });
  const open = new Map<string, boolean>();
  for (const e of events) open.set(e.actor.toLowerCase(), e.action === "user.signin.success");
  const current = [...open.values()].filter(Boolean).length;
  return {
    licensedPlannings: account.licensedPlannings,
    configuredPlannings: account.plannings.filter((p) => p.domain).length,
    runningPlannings: account.plannings.filter((p) => p.status === "RUNNING").length,
    netLicences: account.plannings.filter((p) => p.netLicence).length,
    licensedConnections: account.licensedConnections,
    currentConnections: current,
    available: Math.max(0, account.licensedConnections - current),
  };
}
