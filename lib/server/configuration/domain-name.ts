import "server-only";
import { domainLabelSchema } from "@/lib/schemas/configuration";
import { AppError, isUniqueViolation } from "@/lib/server/errors";
import { productInfo } from "@/lib/products";
import { db, type Tx } from "@/lib/db";
import { notFound } from "@/lib/server/errors";

/**
 * The label the user typed, checked against SPEC F3's rules. A full name ending in the
 * product's own suffix is accepted too, since that is what the screen shows.
 */
export function parseDomainLabel(product: string, typed: string): string {
  const suffix = productInfo(product).domainSuffix;
  let value = typed.trim().toLowerCase();
  if (value.endsWith(suffix)) value = value.slice(0, -suffix.length);
  const parsed = domainLabelSchema.safeParse(value);
  if (!parsed.success) throw new AppError("INVALID_DOMAIN", parsed.error.issues[0].message, "domain");
  return parsed.data;
}

type Owner = { controllerId: string } | { planningId: string };

/**
 * Moves the owner to a new name in one transaction. The unique index on fqdn decides races
 * between accounts: exactly one claim wins, the others get a message beside the field. The holder
 * is looked up before the insert: after a failed statement PostgreSQL answers nothing more in the
 * transaction.
 */
export async function claimDomain(tx: Tx, accountId: string, owner: Owner, fqdn: string) {
  await tx.domain.deleteMany({ where: { accountId, ...owner } });
  const holder = await tx.domain.findUnique({ where: { fqdn }, select: { accountId: true } });
  if (holder) throw domainTaken(fqdn, holder.accountId === accountId);
  try {
    await tx.domain.create({ data: { fqdn, accountId, ...owner } });
  } catch (error) {
    // A claim of the same name committed meanwhile: another account's, but for a rare double click.
    if (isUniqueViolation(error)) throw domainTaken(fqdn, false);
    throw error;
  }
}

function domainTaken(fqdn: string, ownAccount: boolean) {
  return new AppError(
    "DOMAIN_TAKEN",
    ownAccount
      ? `Le nom de domaine ${fqdn} est déjà associé à un autre élément de votre compte.`
      : `Le nom de domaine ${fqdn} est déjà utilisé. Choisissez-en un autre.`,
    "domain",
  );
}

/** What an interactive transaction rolls back on: the AppError reaches the caller unchanged. */
export function runningDomainChange(what: "controller" | "planning") {
  return new AppError(
    "RUNNING",
    what === "controller"
      ? "Le contrôleur est en service : désactivez-le avant de changer son nom de domaine."
      : "Le planning est en service : arrêtez le serveur avant de changer son nom de domaine.",
    "domain",
  );
}

/**
 * F3, before "Confirmez-vous l'association … ?": the name the user typed, refused beside the field
 * if another element holds it or its owner is in service, so that "Oui" is not asked for nothing.
 * Read only: the association itself decides a race (claimDomain).
 */
export async function checkDomainAvailable(accountId: string, target: { planningId?: string }, typed: string) {
  const account = await db.hostingAccount.findUnique({
    where: { id: accountId },
    select: { product: true, controller: { select: { id: true, status: true } } },
  });
  if (!account?.controller) throw notFound();
  const fqdn = parseDomainLabel(account.product, typed) + productInfo(account.product).domainSuffix;
  const owner = target.planningId
    ? await db.planning.findFirst({ where: { id: target.planningId, accountId }, select: { id: true, status: true } })
    : account.controller;
  if (!owner) throw notFound();
  const holder = await db.domain.findUnique({ where: { fqdn }, select: { accountId: true, controllerId: true, planningId: true } });
  const own = holder !== null && (target.planningId ? holder.planningId === owner.id : holder.controllerId === owner.id);
  if (own) return { fqdn, unchanged: true };
  if (holder) throw domainTaken(fqdn, holder.accountId === accountId);
  if (owner.status === "RUNNING") throw runningDomainChange(target.planningId ? "planning" : "controller");
  return { fqdn, unchanged: false };
}
