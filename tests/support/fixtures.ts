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
