import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { accountVersion } from "@/lib/product-version";
import { schoolYearLabel } from "@/lib/school-calendar";
import { RECOVERY_ITEMS, type RecoveryItem } from "@/lib/school-year-recovery";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { AppError, notFound } from "@/lib/server/errors";
import { slices } from "@/lib/server/id-slices";
import { getAdministeredPlanning } from "@/lib/server/planning/administered-planning";
import { encryptProvisional, newProvisionalPassword } from "@/lib/server/security/provisional";
import type { ConsoleActor } from "@/lib/server/actor";
import { readYearData } from "./year-data";

/** The archives of last year and before that a planning's new base can recover from. */
export async function recoverableArchives(ctx: ConsoleActor, planningId: string) {
  const planning = await getAdministeredPlanning(ctx, planningId);
  if (!planning.base) return [];
  return db.baseArchive.findMany({
    where: { planningId: planning.id, accountId: ctx.accountId, schoolYear: { lt: Number(planning.base.version) }, yearData: { not: "" } },
    select: { id: true, schoolYear: true, baseName: true, recoveredAt: true },
    orderBy: { schoolYear: "desc" },
  });
}

/**
 * Whether the account has recovered last year's data into the bases of the year it runs: the
 * second rentrée, when the recipients list starts at "Seulement ceux qui n'ont pas encore activé
 * leur compte".
 */
export async function yearRecovered(accountId: string, now: Date = clock.now()) {
  const account = await db.hostingAccount.findUnique({ where: { id: accountId }, select: { preVersion: true, version: true } });
  if (!account) return false;
  const year = Number(accountVersion(account, now));
  return (await db.baseArchive.count({ where: { accountId, schoolYear: year - 1, recoveredAt: { not: null } } })) > 0;
}

export type RecoveryReport = Record<RecoveryItem, number> & { left: number };

/**
 * Seed 004 "Récupérer les données d'une base PRONOTE", from the new base: the archive of last year
 * is designated and the ticked data come back. The people return to the planning's Espaces with
 * their login, password, ENT identity and recognised devices ("Identifiants et mots de passe"),
 * so nobody who signed in needs a new letter; unticked, they get a new provisional password. Pupils
 * who left (a DATE_SORTIE or SIECLE's "Inactifs", set aside by the imports) are not carried. Run
 * twice, it brings back nothing more.
 */
export async function recoverLastYear(ctx: ConsoleActor, planningId: string, input: { archiveId: string; items: RecoveryItem[] }) {
  const planning = await getAdministeredPlanning(ctx, planningId);
  if (!planning.base)
    throw new AppError("NO_BASE", "Aucune base en service : la nouvelle base est créée fin août, ou par « Créer une base ».");
  const archive = await db.baseArchive.findFirst({ where: { id: input.archiveId, planningId: planning.id, accountId: ctx.accountId } });
  if (!archive) throw notFound();
  const data = readYearData(archive.yearData);
  if (!data || archive.schoolYear >= Number(planning.base.version)) {
    throw new AppError(
      "STEP",
      "Désignez l'archive d'une année passée de ce planning : celle-ci n'a rien à récupérer dans la base en service.",
      "archiveId",
    );
  }
  const items = new Set(input.items);
  const report: RecoveryReport = { people: 0, credentials: 0, emails: 0, authorizations: 0, models: 0, left: 0 };
  const now = clock.now();
  await db.$transaction(
    async (tx) => {
      // The archive's row first: two recoveries of one archive at once (a double click, two
      // administrators) run one after the other, and the second finds nothing left to bring back.
      await tx.baseArchive.update({ where: { id: archive.id }, data: { recoveredAt: now, recoveredItems: [...items].join(",") } });
      if (items.has("people")) {
        for (const slice of slices(data.people)) {
          const away = { id: { in: slice }, accountId: ctx.accountId, planningId: null };
          report.left += await tx.espacePerson.count({ where: { ...away, leftAt: { not: null } } });
          const back = (await tx.espacePerson.findMany({ where: { ...away, leftAt: null }, select: { id: true } })).map((p) => p.id);
          if (back.length === 0) continue;
          await tx.espacePerson.updateMany({ where: { id: { in: back }, planningId: null }, data: { planningId: planning.id } });
          report.people += back.length;
          if (items.has("credentials")) report.credentials += back.length;
          else {
            // Each his own new provisional password: a letter will carry it.
            for (const id of back) {
              await tx.espacePerson.update({
                where: { id },
                data: {
                  passwordHash: null,
                  provisionalPasswordEnc: encryptProvisional(newProvisionalPassword()),
                  casId: "",
                  letterTokenFailures: 0,
                },
              });
            }
            await tx.letterToken.updateMany({ where: { personId: { in: back }, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
          }
          if (items.has("emails")) report.emails += await tx.espacePerson.count({ where: { id: { in: back }, email: { not: "" } } });
          else await tx.espacePerson.updateMany({ where: { id: { in: back } }, data: { email: "" } });
        }
      }
      if (items.has("authorizations")) {
        const users = new Set(
          (await tx.controllerUser.findMany({ where: { accountId: ctx.accountId }, select: { id: true } })).map((u) => u.id),
        );
        const present = new Set(
          (await tx.profileAssignment.findMany({ where: { planningId: planning.id }, select: { userId: true } })).map((a) => a.userId),
        );
        const missing = data.assignments.filter((a) => users.has(a.userId) && !present.has(a.userId));
        for (const slice of slices(missing, 100)) {
          await tx.profileAssignment.createMany({
            data: slice.map((a) => ({ accountId: ctx.accountId, planningId: planning.id, userId: a.userId, profile: a.profile })),
          });
        }
        report.authorizations = missing.length;
      }
      if (items.has("models")) {
        for (const model of data.models) {
          const current = await tx.letterModel.findUnique({ where: { accountId_name: { accountId: ctx.accountId, name: model.name } } });
          if (current?.text === model.text) continue;
          if (current) await tx.letterModel.update({ where: { id: current.id }, data: { text: model.text } });
          else await tx.letterModel.create({ data: { accountId: ctx.accountId, ...model } });
          report.models++;
        }
      }
      const counts = (Object.keys(RECOVERY_ITEMS) as RecoveryItem[])
        .filter((item) => items.has(item))
        .map((item) => `${RECOVERY_ITEMS[item]} : ${report[item]}`);
      await recordAuditEvent(
        {
          ...ctx,
          action: "year.recover",
          detail: `${planning.name}, archive ${schoolYearLabel(archive.schoolYear)} — ${counts.join(" ; ")}`.slice(0, 500),
        },
        tx,
      );
    },
    { timeout: 120_000 },
  );
  return report;
}
