import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/server/errors";
import { productInfo } from "@/lib/products";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { claimDomain, parseDomainLabel, runningDomainChange } from "@/lib/server/configuration/domain-name";
import type { Actor } from "@/lib/server/actor";

type Input = Actor & { domain: string };

/** F3: "Confirmez-vous l'association du nom de domaine … au contrôleur ?" — Oui. */
export async function associateControllerDomain({ accountId, actor, ip, domain }: Input) {
  const account = await db.hostingAccount.findUnique({
    where: { id: accountId },
    select: { product: true, controller: { include: { domain: true } } },
  });
  const controller = account?.controller;
  if (!account || !controller) throw notFound();
  const fqdn = parseDomainLabel(account.product, domain) + productInfo(account.product).domainSuffix;
  if (controller.domain?.fqdn === fqdn) return { fqdn, port: controller.port };
  if (controller.status === "RUNNING") throw runningDomainChange("controller");

  await db.$transaction(async (tx) => {
    await claimDomain(tx, accountId, { controllerId: controller.id }, fqdn);
    await recordAuditEvent({ accountId, actor, ip, action: "controller.domain", detail: fqdn }, tx);
  });
  return { fqdn, port: controller.port };
}
