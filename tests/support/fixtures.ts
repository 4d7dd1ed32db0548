import { randomInt } from "node:crypto";
import { provisionHostingAccount } from "@/lib/server/hosting-account/provision-hosting-account";
import type { Product } from "@/lib/products";
import { db } from "@/lib/db";

/** A fresh account with unique contact details, so that tests never see each other's data. */
export async function newAccount(product: Product = "PRONOTE_CAMPUS", extra: { rne?: string; plannings?: number } = {}) {
  const n = randomInt(10_000_000, 99_999_999);
  const email = `resp${n}@ecole.test`;
  const result = await provisionHostingAccount({
    product,
    establishment: `École ${n}`,
    rne: extra.rne,
    responsibleName: "Camille Test",
    responsibleEmail: email,
    responsibleMobile: `+336${n}`,
    licensedPlannings: extra.plannings ?? 2,
  });
  const plannings = await db.planning.findMany({ where: { accountId: result.accountId }, orderBy: { position: "asc" } });
  return { ...result, email, mobile: `+336${n}`, plannings };
}

export function uniqueLabel(prefix = "ecole"): string {
  return `${prefix}-${randomInt(1_000_000, 9_999_999)}`;
}

/**
 * An account as it stands after Fiches 1–5: licence accepted, controller and plannings with their
 * domains, the controller in service, a superadministrator.
 */
export async function readyAccount(product: Product = "PRONOTE_CAMPUS", extra: { rne?: string } = {}) {
  const account = await newAccount(product, extra);
  const { accountId } = account;
  const suffix = { PRONOTE_CAMPUS: ".pronote-campus.net", HYPERPLANNING: ".hyperplanning.fr", PRONOTE: ".index-education.net" }[product];
  const controller = await db.controller.update({ where: { accountId }, data: { status: "RUNNING" } });
  await db.hostingAccount.update({ where: { id: accountId }, data: { licenceAcceptedAt: new Date(), licenceVersion: "test" } });
  await db.domain.create({ data: { accountId, controllerId: controller.id, fqdn: uniqueLabel("ctrl") + suffix } });
  for (const planning of account.plannings) {
    await db.domain.create({ data: { accountId, planningId: planning.id, fqdn: uniqueLabel(planning.name) + suffix } });
  }
  const superadmin = await db.controllerUser.create({
    data: { accountId, loginId: "sadmin", loginKey: "sadmin", lastName: "Admin", firstName: "Super", status: "SUPERADMIN" },
  });
  return { ...account, superadminId: superadmin.id };
}

/** The hosting responsible of an account, as the server modules of Mes plannings see him. */
export const asResponsible = (accountId: string) => ({
  accountId,
  role: "HOSTING" as const,
  userId: null,
  actor: "responsable",
  ip: "127.0.0.1",
});
