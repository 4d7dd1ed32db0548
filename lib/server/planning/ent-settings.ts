import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { ENT_FAMILIES, type EntSettings } from "@/lib/schemas/ent";
import type { ConsoleActor } from "@/lib/server/actor";
import { getAdministeredPlanning } from "./administered-planning";
import { requireNetLicence } from "./service-and-publication";
import { resolveIdpMetadata } from "@/lib/server/directory/saml-metadata";

export const ENT_WHILE_PUBLISHED =
  "Arrêtez d'abord la publication (« Arrêter la publication ») : l'intégration dans un ENT se modifie Espaces fermés, puis publiez à nouveau.";

/** The planning's ENT, as stored; null when none was ever saved. */
export function readEnt(entSettings: string): EntSettings | null {
  return entSettings ? (JSON.parse(entSettings) as EntSettings) : null;
}

/** The planning's ENT when it is on. */
export const enabledEnt = (entSettings: string) => {
  const ent = readEnt(entSettings);
  return ent?.enabled ? ent : null;
};

/**
 * Whether a person signs in through his Espace's ENT: the ENT is on for his population and he was
 * not switched back to a direct sign-in. Such a person's letters carry no password, no QR code.
 */
export function signsInThroughEnt(ent: EntSettings | null, person: { population: string; directSignIn: boolean }): boolean {
  return ent?.enabled === true && ent.populations.includes(person.population) && !person.directSignIn;
}

/**
 * Whether the ENT is a person's only way in: it covers him, and his identity needs no password of
 * the console's — matched by identity or attribute, or already linked at a first sign-in. Such a
 * person signs in with no password here, and his letters carry neither password nor QR code.
 */
export function entOnly(ent: EntSettings | null, person: { population: string; directSignIn: boolean; casId: string }): boolean {
  return signsInThroughEnt(ent, person) && (ent!.matching !== "FIRST_SIGNIN" || person.casId !== "");
}

/**
 * The people of a population whose only way in is the ENT, as a where-clause (null: nobody) — for
 * the lists' counts. An account has a few plannings: their settings are read, not joined.
 */
export async function entOnlyWhere(accountId: string, population: string) {
  const plannings = await db.planning.findMany({ where: { accountId, entSettings: { not: "" } }, select: { id: true, entSettings: true } });
  const covering = plannings
    .map((p) => ({ id: p.id, ent: enabledEnt(p.entSettings) }))
    .filter((p) => p.ent?.populations.includes(population));
  if (covering.length === 0) return null;
  const linkedOnly = covering.filter((p) => p.ent!.matching === "FIRST_SIGNIN").map((p) => p.id);
  const always = covering.filter((p) => p.ent!.matching !== "FIRST_SIGNIN").map((p) => p.id);
  return {
    directSignIn: false,
    OR: [{ planningId: { in: always } }, { planningId: { in: linkedOnly }, casId: { not: "" } }],
  };
}

/**
 * What the administrator is told where he sets the ENT: the last ENT sign-ins refused because one
 * identity could be several persons (the journal's "Identité ENT de plusieurs personnes").
 */
export async function entRefusals(accountId: string) {
  const events = await db.auditEvent.findMany({
    where: { accountId, action: "espace.ent.ambiguous" },
    orderBy: { createdAt: "desc" },
    take: 5,
    select: { createdAt: true, actor: true, detail: true },
  });
  return events.map((e) => ({ at: e.createdAt.toISOString(), identity: e.actor, persons: e.detail }));
}

/**
 * PRONOTE.net > "Intégration dans un ENT". As the vendor's console asks: the publication is stopped
 * while it changes (the update is conditional on it, so a "Publier" at the same instant cannot
 * slip between the check and the write), then published again.
 */
export async function saveEntSettings(ctx: ConsoleActor, planningId: string, settings: EntSettings) {
  const planning = await getAdministeredPlanning(ctx, planningId);
  requireNetLicence(planning);
  const { idp: _typed, ...typed } = settings;
  // A SAML ENT: its IdP read from the metadata before anything is stored.
  const idp = typed.family === "SAML" ? await resolveIdpMetadata(typed.metadata) : undefined;
  await db.$transaction(async (tx) => {
    const done = await tx.planning.updateMany({
      where: { id: planning.id, publication: { not: "PUBLISHED" } },
      data: { entSettings: JSON.stringify({ ...typed, ...(idp ? { idp } : {}) }) },
    });
    if (done.count === 0) throw new AppError("PUBLISHED", ENT_WHILE_PUBLISHED);
    const where = idp ? idp.entityId : typed.casUrl;
    const detail = typed.enabled ? `${planning.name} : ${ENT_FAMILIES[typed.family].label}, ${where}` : `${planning.name} : désactivée`;
    await recordAuditEvent({ ...ctx, action: "planning.ent", detail }, tx);
  });
  return settings;
}
