import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { preVersionWindow } from "@/lib/product-version";
import { schoolYearLabel } from "@/lib/school-calendar";
import { BASE_FILE_EXTENSION } from "@/lib/server/base/base-file";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { AppError, notFound } from "@/lib/server/errors";
import { getAdministeredPlanning, requireControllerRunning } from "@/lib/server/planning/administered-planning";
import type { ConsoleActor } from "@/lib/server/actor";
import { readArchive } from "./archive-base";
import { moveToNewYear } from "./new-year-base";

/** The planning's "Archives": year, date, size and checksum, newest first; never the content. */
export async function listArchives(ctx: ConsoleActor, planningId: string) {
  const planning = await getAdministeredPlanning(ctx, planningId);
  return db.baseArchive.findMany({
    where: { planningId: planning.id, accountId: ctx.accountId },
    select: { id: true, schoolYear: true, baseName: true, version: true, size: true, sha256: true, createdAt: true },
    orderBy: { schoolYear: "desc" },
  });
}

/** "Télécharger": the archive as a base file ("Charger une base" reads it), checked before it leaves. */
export async function downloadArchive(ctx: ConsoleActor, planningId: string, archiveId: string) {
  const planning = await getAdministeredPlanning(ctx, planningId);
  const archive = await db.baseArchive.findFirst({ where: { id: archiveId, planningId: planning.id, accountId: ctx.accountId } });
  if (!archive) throw notFound();
  const bytes = readArchive(archive);
  await recordAuditEvent({ ...ctx, action: "archive.download", detail: `${planning.name} : ${schoolYearLabel(archive.schoolYear)}` });
  const stem = `${planning.name}-archive-${schoolYearLabel(archive.schoolYear)}-${archive.baseName}`.replace(/[^\p{L}\p{N}._-]+/gu, "_");
  return { filename: `${stem}${BASE_FILE_EXTENSION}`, bytes };
}

/**
 * The pre-version's "Créer la base de l'année suivante", from the July archive to the change: the
 * base in service is archived, then a new empty base of the pre-version takes its place; the
 * end-of-August change then leaves this planning alone.
 */
export function nextYearBaseOffer(account: { preVersion: string | null }, base: { version: string } | null, now: Date) {
  const window = preVersionWindow(now);
  return window.open && account.preVersion === String(window.version) && base !== null && Number(base.version) < window.version
    ? window.version
    : null;
}

export async function createNextYearBase(ctx: ConsoleActor, planningId: string, now: Date = clock.now()) {
  const planning = await getAdministeredPlanning(ctx, planningId);
  requireControllerRunning(planning);
  const year = nextYearBaseOffer(planning.account, planning.base, now);
  if (!year || !planning.base) {
    throw new AppError(
      "STEP",
      "La base de l'année suivante se crée en juillet et en août, une fois la préversion demandée (Mon compte > Changement de version), dans un planning dont la base est celle de cette année.",
    );
  }
  const line = await moveToNewYear({ ...ctx, action: "year.next-base" }, planning, planning.base, year, now);
  if (!line) throw new AppError("BASE_RACE", "La base de ce planning vient d'être remplacée : la page a été actualisée.");
  return { version: String(year) };
}
