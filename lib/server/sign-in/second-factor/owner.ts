import "server-only";
import { db } from "@/lib/db";

/**
 * Whose second factor: the hosting responsible (his account is the owner), a controller user, or
 * one of the provider's operators (no account). `actor` is how the journal names him, as his
 * sign-in lines do.
 */
export type FactorOwner =
  | { kind: "HOSTING" | "USER"; id: string; accountId: string; actor: string }
  | { kind: "OPERATOR"; id: string; accountId: null; actor: string };

export const hostingOwner = (accountId: string): FactorOwner => ({ kind: "HOSTING", id: accountId, accountId, actor: "responsable" });

export const operatorOwner = (operator: { id: string; email: string }): FactorOwner => ({
  kind: "OPERATOR",
  id: operator.id,
  accountId: null,
  actor: `opérateur ${operator.email}`,
});

export const userOwner = (user: { id: string; accountId: string; loginId: string }): FactorOwner => ({
  kind: "USER",
  id: user.id,
  accountId: user.accountId,
  actor: user.loginId,
});

/** The rows of one owner, always within his hosting account. */
export const ownedBy = (owner: FactorOwner) => ({ accountId: owner.accountId, ownerKind: owner.kind, ownerId: owner.id });

/**
 * Whether this owner must sign in with a second factor: the hosting responsible when the provider
 * requires it; a superadministrator when F5 Sécurité says "Double authentification obligatoire".
 */
export async function secondFactorRequired(owner: FactorOwner): Promise<boolean> {
  // Mandatory for whoever works in the provider's back office.
  if (owner.kind === "OPERATOR") return true;
  if (owner.kind === "HOSTING") {
    const account = await db.hostingAccount.findUnique({ where: { id: owner.accountId }, select: { requireSecondFactor: true } });
    return account?.requireSecondFactor === true;
  }
  const user = await db.controllerUser.findFirst({
    where: { id: owner.id, accountId: owner.accountId },
    select: { status: true, account: { select: { controller: { select: { requireSecondFactor: true } } } } },
  });
  return user?.status === "SUPERADMIN" && user.account.controller?.requireSecondFactor === true;
}

/** Whether the owner has a confirmed second factor (an enrolment not yet confirmed does not count). */
export async function hasSecondFactor(owner: FactorOwner): Promise<boolean> {
  return (await db.secondFactor.count({ where: { ...ownedBy(owner), confirmedAt: { not: null } } })) > 0;
}

/** The name an authenticator application lists: the establishment, and who in it. */
export async function factorLabel(owner: FactorOwner): Promise<string> {
  if (owner.kind === "OPERATOR") return `Opérateur (${owner.actor.replace(/^opérateur /, "")})`;
  const account = await db.hostingAccount.findUnique({ where: { id: owner.accountId }, select: { establishment: true } });
  const who = owner.kind === "HOSTING" ? "responsable de l'hébergement" : owner.actor;
  return `${account?.establishment ?? ""} (${who})`.trim();
}
