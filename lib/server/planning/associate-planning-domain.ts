import "server-only";
import { db } from "@/lib/db";
import { productInfo } from "@/lib/products";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { claimDomain, parseDomainLabel, runningDomainChange } from "@/lib/server/configuration/domain-name";
import { getPlanningOrThrow } from "./get-planning";
import type { Actor } from "@/lib/server/actor";

type Input = Actor & { planningId: string; domain: string };

/** F3: "Confirmez-vous l'association du nom de domaine … au planning … ?" — Oui. */
export async function associatePlanningDomain({ accountId, actor, ip, planningId, domain }: Input) {
  const planning = await getPlanningOrThrow(accountId, planningId);
  const product = planning.account.product;
  const fqdn = parseDomainLabel(product, domain) + productInfo(product).domainSuffix;
  if (planning.domain?.fqdn === fqdn) return { fqdn, port: planning.port, name: planning.name };
  if (planning.status === "RUNNING") throw runningDomainChange("planning");

  await db.$transaction(async (tx) => {
    await claimDomain(tx, accountId, { planningId: planning.id }, fqdn);
    await recordAuditEvent({ accountId, actor, ip, action: "planning.domain", detail: `${planning.name} : ${fqdn}` }, tx);
  });
  return { fqdn, port: planning.port, name: planning.name };
}
