import "server-only";
import { db } from "@/lib/db";
import { inSlices } from "@/lib/server/id-slices";
import { notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { ConsoleActor } from "@/lib/server/actor";

/**
 * F15 sending accounts: whose they are, which one sends, who may use an establishment's. Their
 * creation is in start-account.ts, the proof of the address and the secret question in
 * verify-account.ts.
 */
export const ownerKey = (ctx: ConsoleActor) => (ctx.userId ? `user:${ctx.userId}` : "responsable");

/** "Utiliser l'identité de l'utilisateur connecté": the signed-in person's name and address. */
export async function signedInIdentity(ctx: ConsoleActor): Promise<{ name: string; email: string }> {
  if (ctx.userId) {
    const user = await db.controllerUser.findFirst({ where: { id: ctx.userId, accountId: ctx.accountId } });
    if (!user) throw notFound();
    return { name: `${user.lastName.toUpperCase()} ${user.firstName}`, email: user.email };
  }
  const account = await db.hostingAccount.findUnique({ where: { id: ctx.accountId } });
  if (!account) throw notFound();
  return { name: account.responsibleName, email: account.responsibleEmail };
}

export async function getPersonalAccount(ctx: ConsoleActor) {
  return db.sendingAccount.findUnique({ where: { accountId_ownerKey: { accountId: ctx.accountId, ownerKey: ownerKey(ctx) } } });
}

/** The caller's personal account, or the establishment account named (of his hosting account only). */
export async function accountFor(ctx: ConsoleActor, sendingAccountId?: string) {
  return sendingAccountId
    ? db.sendingAccount.findFirst({
        where: { id: sendingAccountId, accountId: ctx.accountId, kind: "ESTABLISHMENT" },
        omit: { codeHash: false },
      })
    : db.sendingAccount.findUnique({
        where: { accountId_ownerKey: { accountId: ctx.accountId, ownerKey: ownerKey(ctx) } },
        omit: { codeHash: false },
      });
}

/**
 * The account the caller's e-mails go out from: his own personal account, else an establishment
 * account an administrator lets him use (the hosting responsible may use any). Ready ones only:
 * an unverified address never sends.
 */
export async function usableSendingAccount(ctx: ConsoleActor) {
  const personal = await db.sendingAccount.findFirst({
    where: { accountId: ctx.accountId, ownerKey: ownerKey(ctx), readyAt: { not: null } },
  });
  if (personal) return personal;
  const shared = await db.sendingAccount.findMany({
    where: { accountId: ctx.accountId, kind: "ESTABLISHMENT", readyAt: { not: null } },
    orderBy: { createdAt: "asc" },
  });
  return shared.find((account) => ctx.userId === null || account.allowedUserIds.split(" ").includes(ctx.userId)) ?? null;
}

export async function listEstablishmentAccounts(accountId: string) {
  return db.sendingAccount.findMany({ where: { accountId, kind: "ESTABLISHMENT" }, orderBy: { createdAt: "asc" } });
}

/** The staff who may send with an establishment account: superadministrators of the account only. */
export async function setAllowedSenders(ctx: ConsoleActor, sendingAccountId: string, userIds: string[]) {
  const account = await accountFor(ctx, sendingAccountId);
  if (!account) throw notFound();
  const users = await inSlices([...new Set(userIds)], (ids) =>
    db.controllerUser.findMany({
      where: { accountId: ctx.accountId, id: { in: ids }, status: "SUPERADMIN" },
      select: { id: true, loginId: true },
    }),
  );
  if (users.length !== new Set(userIds).size) throw notFound();
  await db.$transaction(async (tx) => {
    await tx.sendingAccount.update({ where: { id: account.id }, data: { allowedUserIds: users.map((u) => u.id).join(" ") } });
    await recordAuditEvent(
      { ...ctx, action: "sending-account.senders", detail: `${account.email} : ${users.map((u) => u.loginId).join(", ") || "personne"}` },
      tx,
    );
  });
  return { count: users.length };
}
