import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { AppError, isUniqueViolation } from "@/lib/server/errors";
import { slices } from "@/lib/server/id-slices";
import { espacePlanning } from "@/lib/server/people/import-people";
import { applyDiff, diffLists, newLogins, SHOWN_PROBLEMS } from "./apply-diff";
import { diffPeople, incomingPeople, storedPeople } from "./siecle-diff";
import { readSieclePupils, readSiecleResponsables } from "./siecle-files";
import { planSiecleImport } from "./siecle-plan";
import { xmlOfUpload } from "./xml-upload";
import { oneImportAtATime } from "./import-gate";

export type Upload = { name: string; bytes: Buffer };
export type SiecleImportInput = {
  planningId: string;
  uai: string;
  pupils: Upload;
  responsables?: Upload;
  otherResponsables?: boolean;
  /** The file is of another school year and the user said so. */
  confirmOtherYear?: boolean;
};

async function prepare(ctx: Actor, input: SiecleImportInput) {
  await espacePlanning(ctx.accountId, input.planningId);
  const pupilsXml = await xmlOfUpload(input.pupils.bytes, input.pupils.name);
  const responsablesXml = input.responsables ? await xmlOfUpload(input.responsables.bytes, input.responsables.name) : null;
  const plan = planSiecleImport(
    await readSieclePupils(pupilsXml.xml, pupilsXml.name),
    responsablesXml ? await readSiecleResponsables(responsablesXml.xml, responsablesXml.name) : null,
    { uai: input.uai, otherResponsables: input.otherResponsables },
  );
  const covered = input.responsables ? ["ELEVES", "RESPONSABLES"] : ["ELEVES"];
  const diff = diffPeople(incomingPeople(plan), await storedPeople(ctx.accountId), covered, "SIECLE");
  return { plan, diff };
}

/**
 * "Récupérer les données des élèves", first step: what the files would change, nothing written —
 * arrivals, departures (to deactivate), changes of class, name or contact, and the problems.
 */
export async function previewSiecleImport(ctx: Actor, input: SiecleImportInput) {
  const { plan, diff } = await oneImportAtATime(() => prepare(ctx, input));
  const { counts, notes, ...lists } = diffLists(diff);
  return {
    schoolYear: plan.schoolYear,
    otherYear: plan.otherYear,
    pupils: { total: plan.pupils.length, left: plan.leftPupils, ...counts("ELEVES") },
    responsables: { total: plan.responsables.length, ...plan.skipped, ...counts("RESPONSABLES") },
    ...lists,
    problems: [...notes, ...plan.problems].slice(0, SHOWN_PROBLEMS),
    problemCount: notes.length + plan.problems.length,
  };
}

/**
 * Second step: the same files applied in one transaction, or nothing. People are matched by their
 * national key: logins and personalized passwords are kept, pupils move to their new class,
 * departures are deactivated (kept, sent nothing), and each pupil's responsables are those of the
 * file. Another school year is applied only once confirmed.
 */
export async function applySiecleImport(ctx: Actor, input: SiecleImportInput) {
  const { plan, diff } = await oneImportAtATime(() => prepare(ctx, input));
  if (plan.otherYear && !input.confirmOtherYear) {
    throw new AppError(
      "OTHER_YEAR",
      `Ce fichier est celui de l'année scolaire ${plan.schoolYear} : confirmez que vous voulez l'importer.`,
      "confirmOtherYear",
    );
  }
  const logins = await newLogins(ctx.accountId, diff.arrivals);
  await db
    .$transaction(
      async (tx) => {
        await applyDiff(tx, { accountId: ctx.accountId, planningId: input.planningId, source: "SIECLE" }, diff, logins);
        // A pupils' file alone leaves each pupil's responsables as they were.
        if (input.responsables) await replaceLinks(tx, ctx.accountId, plan);
        await recordAuditEvent(
          {
            ...ctx,
            action: "people.siecle-import",
            detail: `${plan.schoolYear} : ${diff.arrivals.length} arrivée(s), ${diff.departures.length} départ(s), ${diff.changes.length + diff.returns.length} modification(s)`,
          },
          tx,
        );
      },
      { timeout: 120_000 },
    )
    .catch((error) => {
      // Two "Importer" at once (a double click, two tabs): the first one's arrivals are there.
      if (isUniqueViolation(error)) {
        throw new AppError("IMPORT_RACE", "Un autre import de ces fichiers vient d'être fait : rien n'a été importé une seconde fois.");
      }
      throw error;
    });
  return { arrivals: diff.arrivals.length, departures: diff.departures.length, changes: diff.changes.length + diff.returns.length };
}

/** Each pupil of the file has the responsables the file gives him, and no others. */
async function replaceLinks(tx: Tx, accountId: string, plan: Awaited<ReturnType<typeof prepare>>["plan"]) {
  const rows = await tx.espacePerson.findMany({
    where: { accountId, source: "SIECLE", nationalKey: { not: null } },
    select: { id: true, population: true, nationalKey: true },
  });
  const idOf = new Map(rows.map((r) => [`${r.population}:${r.nationalKey}`, r.id]));
  const pupilIds = plan.pupils.map((p) => idOf.get(`ELEVES:${p.eleveId}`)).filter((id) => id !== undefined);
  for (const ids of slices(pupilIds)) await tx.pupilResponsable.deleteMany({ where: { accountId, pupilId: { in: ids } } });
  const links = plan.responsables.flatMap((r) =>
    r.pupils.flatMap((link) => {
      const pupilId = idOf.get(`ELEVES:${link.eleveId}`);
      const responsableId = idOf.get(`RESPONSABLES:${r.personneId}`);
      return pupilId && responsableId ? [{ accountId, pupilId, responsableId, level: link.level, relationship: link.relationship }] : [];
    }),
  );
  for (const chunk of slices(links, 150)) await tx.pupilResponsable.createMany({ data: chunk });
}
