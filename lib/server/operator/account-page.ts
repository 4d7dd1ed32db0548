import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/server/errors";
import { listAuditEvents } from "@/lib/server/hosting-account/get-console-overview";

/**
 * What an operator sees of one school: its facts, contacts, domains and ports, version, licences,
 * and counts — never a password, a code, a secret, nor the name of a pupil or a parent.
 */
export async function accountForOperator(accountId: string) {
  const account = await db.hostingAccount.findUnique({
    where: { id: accountId },
    select: {
      id: true,
      establishment: true,
      rne: true,
      product: true,
      hostingNumber: true,
      responsibleName: true,
      responsibleEmail: true,
      licensedPlannings: true,
      licensedConnections: true,
      licenceAcceptedAt: true,
      version: true,
      preVersion: true,
      createdAt: true,
      requireSecondFactor: true,
      controller: { select: { status: true, port: true, domain: { select: { fqdn: true } } } },
      plannings: {
        orderBy: { position: "asc" },
        select: { id: true, name: true, port: true, status: true, domain: { select: { fqdn: true } }, base: { select: { name: true } } },
      },
    },
  });
  if (!account) throw notFound();
  const [users, superadmins, people, batches, factors] = await Promise.all([
    db.controllerUser.count({ where: { accountId } }),
    db.controllerUser.findMany({
      where: { accountId, status: "SUPERADMIN" },
      select: { id: true, loginId: true },
      orderBy: { loginKey: "asc" },
    }),
    db.espacePerson.groupBy({ by: ["population"], where: { accountId }, _count: { _all: true } }),
    db.letterBatch.count({ where: { accountId } }),
    db.secondFactor.groupBy({ by: ["ownerKind", "ownerId"], where: { accountId, confirmedAt: { not: null } } }),
  ]);
  const enrolled = new Set(factors.map((f) => `${f.ownerKind}:${f.ownerId}`));
  return {
    ...account,
    hostingFactor: enrolled.has(`HOSTING:${account.id}`),
    superadmins: superadmins.map((u) => ({ ...u, factor: enrolled.has(`USER:${u.id}`) })),
    counts: { users, batches, people: Object.fromEntries(people.map((p) => [p.population, p._count._all])) as Record<string, number> },
  };
}

/** The school's journal, read-only: the Espaces' lines say who only as "une personne d'un Espace". */
export async function journalForOperator(accountId: string, page: number) {
  const journal = await listAuditEvents(accountId, page);
  return {
    ...journal,
    rows: journal.rows.map((row) => (row.action.startsWith("espace.") ? { ...row, actor: "une personne d'un Espace", detail: "" } : row)),
  };
}
