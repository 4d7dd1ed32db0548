import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { AppError, isUniqueViolation } from "@/lib/server/errors";
import { espacePlanning } from "@/lib/server/people/import-people";
import { applyDiff, diffLists, newLogins, SHOWN_PROBLEMS } from "./apply-diff";
import { diffPeople, type IncomingPerson, storedPeople } from "./siecle-diff";
import { checkSchool, isOtherYear } from "./siecle-plan";
import type { Upload } from "./siecle-import";
import { readStsFile } from "./sts-file";
import { xmlOfUpload } from "./xml-upload";
import { oneImportAtATime } from "./import-gate";

export type StsImportInput = { planningId: string; uai: string; file: Upload; confirmOtherYear?: boolean };

async function prepare(ctx: Actor, input: StsImportInput) {
  await espacePlanning(ctx.accountId, input.planningId);
  const { xml, name } = await xmlOfUpload(input.file.bytes, input.file.name);
  const sts = await readStsFile(xml, name);
  checkSchool(input.uai, [sts.uaj]);
  const incoming = sts.teachers.map(
    (t): IncomingPerson => ({
      population: "PROFESSEURS",
      nationalKey: t.individuId,
      lastName: t.lastName,
      firstName: t.firstName,
      civility: t.civility,
      groupName: t.classes.join(", "),
      subjects: t.subjects.join(", "),
    }),
  );
  const diff = diffPeople(incoming, await storedPeople(ctx.accountId), ["PROFESSEURS"], "STSWEB");
  return { sts, diff, otherYear: isOtherYear(sts.schoolYear) };
}

/** "Imports / Exports STSWEB > Récupérer des données", first step: the report, nothing written. */
export async function previewStsImport(ctx: Actor, input: StsImportInput) {
  const { sts, diff, otherYear } = await oneImportAtATime(() => prepare(ctx, input));
  const { counts, notes, ...lists } = diffLists(diff);
  return {
    schoolYear: sts.schoolYear,
    otherYear,
    teachers: { total: sts.teachers.length, ...counts("PROFESSEURS") },
    ...lists,
    problems: [...notes, ...sts.problems].slice(0, SHOWN_PROBLEMS),
    problemCount: notes.length + sts.problems.length,
  };
}

/**
 * Second step: the teachers of the file, matched by INDIVIDU/@ID, in one transaction — their classes
 * and subjects as this year's file says, logins and personalized passwords kept, those no longer in
 * it deactivated. Another school year only once confirmed.
 */
export async function applyStsImport(ctx: Actor, input: StsImportInput) {
  const { sts, diff, otherYear } = await oneImportAtATime(() => prepare(ctx, input));
  if (otherYear && !input.confirmOtherYear) {
    throw new AppError(
      "OTHER_YEAR",
      `Ce fichier est celui de l'année scolaire ${sts.schoolYear} : confirmez que vous voulez l'importer.`,
      "confirmOtherYear",
    );
  }
  const logins = await newLogins(ctx.accountId, diff.arrivals);
  const changes = diff.changes.length + diff.returns.length;
  await db
    .$transaction(
      async (tx) => {
        await applyDiff(tx, { accountId: ctx.accountId, planningId: input.planningId, source: "STSWEB" }, diff, logins);
        await recordAuditEvent(
          {
            ...ctx,
            action: "people.sts-import",
            detail: `${sts.schoolYear} : ${diff.arrivals.length} arrivée(s), ${diff.departures.length} départ(s), ${changes} modification(s)`,
          },
          tx,
        );
      },
      { timeout: 120_000 },
    )
    .catch((error) => {
      if (isUniqueViolation(error)) {
        throw new AppError("IMPORT_RACE", "Un autre import de ce fichier vient d'être fait : rien n'a été importé une seconde fois.");
      }
      throw error;
    });
  return { arrivals: diff.arrivals.length, departures: diff.departures.length, changes };
}
