import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { notFound } from "@/lib/server/errors";

/**
 * X1: the Fiches of the guide, in order, and which of them are done: each when its own step is
 * (Fiche 9 when the public address of the Espaces was entered, not when a planning was published
 * by its putting in service).
 */
export const FICHES = [
  "Réception des informations hébergement",
  "Connexion à la console d'hébergement",
  "Configuration des plannings",
  "Création du premier superadministrateur",
  "Activation du contrôleur",
  "Création et mise en service de la base",
  "Téléchargement et connexion au Client",
  "Création des autres utilisateurs",
  "Saisie de l'adresse d'accès aux Espaces",
  "Création d'un compte e-mail",
  "Envoi des informations de connexion aux utilisateurs (par e-mail)",
] as const;

export type ChecklistItem = { number: number; title: string; done: boolean };

/** Raw numbers: 0/1 from SQLite as bigint, from PostgreSQL as number. */
type Flag = number | bigint;

/**
 * X1 and the console's header, for every console page: the account's name and product, and which
 * Fiches are done, in one statement (Prisma would run eleven queries, each compiled anew).
 */
export const getChecklist = cache(async (accountId: string) => {
  const rows = await db.$queryRaw<({ product: string; establishment: string } & Record<string, Flag>)[]>`
    SELECT a.product AS "product", a.establishment AS "establishment",
      CASE WHEN a."licenceAcceptedAt" IS NULL THEN 0 ELSE 1 END AS "f2",
      CASE WHEN EXISTS (SELECT 1 FROM "Domain" d WHERE d."controllerId" = c.id)
        AND NOT EXISTS (
          SELECT 1 FROM "Planning" p
          WHERE p."accountId" = a.id AND NOT EXISTS (SELECT 1 FROM "Domain" d WHERE d."planningId" = p.id)
        ) THEN 1 ELSE 0 END AS "f3",
      CASE WHEN EXISTS (
        SELECT 1 FROM "ControllerUser" u WHERE u."accountId" = a.id AND u.status = 'SUPERADMIN'
      ) THEN 1 ELSE 0 END AS "f4",
      CASE WHEN c.status = 'RUNNING' THEN 1 ELSE 0 END AS "f5",
      CASE WHEN EXISTS (
        SELECT 1 FROM "Planning" p JOIN "TimetableBase" b ON b."planningId" = p.id
        WHERE p."accountId" = a.id AND p.status = 'RUNNING'
      ) THEN 1 ELSE 0 END AS "f6",
      CASE WHEN EXISTS (
        SELECT 1 FROM "AuditEvent" e WHERE e."accountId" = a.id AND e.action = 'client.param-client'
      ) THEN 1 ELSE 0 END AS "f7",
      CASE WHEN (SELECT count(*) FROM "ControllerUser" u WHERE u."accountId" = a.id) > 1 THEN 1 ELSE 0 END AS "f8",
      CASE WHEN EXISTS (
        SELECT 1 FROM "AuditEvent" e WHERE e."accountId" = a.id AND e.action = 'planning.public-url'
      ) THEN 1 ELSE 0 END AS "f9",
      CASE WHEN EXISTS (
        SELECT 1 FROM "SendingAccount" s WHERE s."accountId" = a.id AND s."readyAt" IS NOT NULL
      ) THEN 1 ELSE 0 END AS "f10",
      CASE WHEN EXISTS (
        SELECT 1 FROM "LetterBatch" l WHERE l."accountId" = a.id AND l.output = 'EMAIL' AND l.sent > 0
      ) THEN 1 ELSE 0 END AS "f11"
    FROM "HostingAccount" a JOIN "Controller" c ON c."accountId" = a.id
    WHERE a.id = ${accountId}`;
  const row = rows[0];
  if (!row) throw notFound();
  // Fiche 1 is done by the time anyone signs in: the credentials were received.
  const done = FICHES.map((_, i) => i === 0 || Number(row[`f${i + 1}`]) === 1);
  const items: ChecklistItem[] = FICHES.map((title, i) => ({ number: i + 1, title, done: done[i] }));
  return {
    product: row.product,
    establishment: row.establishment,
    items,
    next: items.find((item) => !item.done) ?? null,
  };
});
