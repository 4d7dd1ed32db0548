import "server-only";
import { db, type Tx } from "@/lib/db";
import { espacesAddress, productInfo } from "@/lib/products";
import { AppError } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getAdministeredPlanning, requireControllerRunning, requireDomain, type AdministeredPlanning } from "./administered-planning";
import type { ConsoleActor } from "@/lib/server/actor";

export function requireNetLicence(planning: AdministeredPlanning) {
  if (!planning.netLicence) {
    const net = productInfo(planning.account.product).netName;
    throw new AppError(
      "NO_NET_LICENCE",
      `La licence ${net} n'est pas activée pour ce planning : le responsable de l'hébergement doit cocher « Activer une licence ${net} » dans le volet Configuration (Fiche n°3).`,
    );
  }
}

/**
 * F7 "Mettre en service" / "Arrêter le serveur". A planning goes into service with a base, on a
 * running controller, and is then published when it holds the .net licence; stopping it stops the
 * publication too. The update is conditional, so two clicks at once change the state once.
 */
export async function setPlanningRunning(ctx: ConsoleActor, planningId: string, running: boolean) {
  return db.$transaction(async (tx) => {
    const planning = await getAdministeredPlanning(ctx, planningId, tx);
    if (running) {
      if (planning.status === "RUNNING") throw new AppError("ALREADY", "Le serveur est déjà en service.");
      requireControllerRunning(planning);
      requireDomain(planning);
      if (!planning.base) {
        throw new AppError(
          "NO_BASE",
          "Aucune base chargée : créez une base ou chargez-en une avant de mettre le serveur en service (Fiche n°6).",
        );
      }
    } else if (planning.status === "STOPPED") {
      throw new AppError("ALREADY", "Le serveur est déjà arrêté.");
    }
    const publication = running && planning.netLicence ? "PUBLISHED" : "UNPUBLISHED";
    const changed = await tx.planning.updateMany({
      where: { id: planning.id, status: running ? "STOPPED" : "RUNNING" },
      data: { status: running ? "RUNNING" : "STOPPED", publication },
    });
    if (changed.count === 1) {
      await recordAuditEvent({ ...ctx, action: running ? "planning.start" : "planning.stop", detail: planning.name }, tx);
    }
    return { status: running ? "RUNNING" : "STOPPED", publication };
  });
}

/** F9: publish the Espaces of a planning in service, or stop publishing them. */
export async function setPlanningPublished(ctx: ConsoleActor, planningId: string, published: boolean) {
  return db.$transaction(async (tx) => {
    const planning = await getAdministeredPlanning(ctx, planningId, tx);
    if (published) {
      requireNetLicence(planning);
      if (planning.status !== "RUNNING") {
        throw new AppError("STOPPED", "Le serveur est arrêté : mettez-le d'abord en service pour publier les Espaces.");
      }
    }
    const publication = published ? "PUBLISHED" : "UNPUBLISHED";
    if (planning.publication !== publication) {
      await tx.planning.update({ where: { id: planning.id }, data: { publication } });
      await recordAuditEvent({ ...ctx, action: published ? "planning.publish" : "planning.unpublish", detail: planning.name }, tx);
    }
    return { publication };
  });
}

/** F7 "Nom de publication": what users see; empty brings back the planning's name. */
export async function setPublicationName(ctx: ConsoleActor, planningId: string, name: string) {
  const planning = await getAdministeredPlanning(ctx, planningId);
  const value = name === "" || name === planning.name ? null : name;
  await db.$transaction(async (tx) => {
    await tx.planning.update({ where: { id: planning.id }, data: { publicationName: value } });
    await recordAuditEvent({ ...ctx, action: "planning.publication-name", detail: `${planning.name} : ${value ?? planning.name}` }, tx);
  });
  return { publicationName: value ?? planning.name };
}

/** The default "URL publique d'accès au .net": the Espaces' address of SPEC Products. */
export function defaultPublicUrl(planning: AdministeredPlanning): string | null {
  return espacesAddress(planning.account.product, planning.domain?.fqdn ?? null, planning.account.rne);
}

const OTHERS_ADDRESS = "Cette adresse est celle d'un autre établissement : saisissez l'adresse de vos propres Espaces.";

/**
 * A public address is the account's own: its host is no other account's domain, no other
 * account's public address, nor the address PRONOTE gives another establishment's RNE. Checked
 * in the transaction that writes it.
 */
async function assertAddressOfOwn(tx: Tx, accountId: string, host: string) {
  const domain = await tx.domain.findUnique({ where: { fqdn: host }, select: { accountId: true } });
  const rne = /^([0-9a-z]+)\.index-education\.net$/.exec(host)?.[1]?.toUpperCase();
  const [publicUrls, rneOwner] = await Promise.all([
    tx.planning.findMany({
      where: { accountId: { not: accountId }, OR: [{ publicUrl: { startsWith: `https://${host}/` } }, { publicUrl: `https://${host}` }] },
      select: { id: true },
      take: 1,
    }),
    rne ? tx.hostingAccount.findFirst({ where: { rne, product: "PRONOTE", id: { not: accountId } }, select: { id: true } }) : null,
  ]);
  if ((domain && domain.accountId !== accountId) || publicUrls.length > 0 || rneOwner) {
    throw new AppError("OTHERS_ADDRESS", OTHERS_ADDRESS, "url");
  }
}

/** F14 "URL publique d'accès au .net", defaulting to the planning's address. */
export async function setPublicUrl(ctx: ConsoleActor, planningId: string, url: string) {
  const planning = await getAdministeredPlanning(ctx, planningId);
  requireNetLicence(planning);
  const fallback = defaultPublicUrl(planning);
  const value = url === "" || url === fallback ? null : url;
  await db.$transaction(async (tx) => {
    if (value) await assertAddressOfOwn(tx, planning.accountId, new URL(value).hostname.toLowerCase());
    await tx.planning.update({ where: { id: planning.id }, data: { publicUrl: value } });
    await recordAuditEvent(
      { ...ctx, action: "planning.public-url", detail: `${planning.name} : ${value ?? fallback ?? "adresse par défaut"}` },
      tx,
    );
  });
  return { publicUrl: value ?? fallback };
}
