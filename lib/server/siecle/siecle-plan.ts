import "server-only";
import { AppError } from "@/lib/server/errors";
import { clock } from "@/lib/clock";
import { schoolYearAt, yearArchiveOn } from "@/lib/school-calendar";
import type {
  ResponsibilityLevel,
  SiecleAddress,
  SieclePupil,
  SieclePupilsFile,
  SiecleResponsable,
  SiecleResponsablesFile,
} from "./siecle-files";

export type PlannedResponsable = SiecleResponsable & {
  /** The current pupils he is responsable of, with his level and relationship to each. */
  pupils: { eleveId: string; level: ResponsibilityLevel; relationship: string }[];
  address: SiecleAddress | null;
};

export type SiecleImportPlan = {
  uai: string;
  schoolYear: string;
  /** The file is of another school year than the current one: the import asks to confirm. */
  otherYear: boolean;
  pupils: SieclePupil[];
  leftPupils: number;
  responsables: PlannedResponsable[];
  skipped: { notLegal: number; withoutCurrentPupil: number };
  problems: string[];
};

export const UAI_PATTERN = /^\d{7}[A-Z]$/;

/** The account's UAI, checked, if every file is of that school; a file of another one is refused. */
export function checkSchool(given: string, filesUaj: string[]): string {
  const uai = given.trim().toUpperCase();
  if (!UAI_PATTERN.test(uai)) {
    throw new AppError("UAI", "Saisissez l'UAI (RNE) de l'établissement : 7 chiffres et une lettre, 0123456A par exemple.", "uai");
  }
  for (const uaj of filesUaj) {
    if (uaj !== uai) {
      throw new AppError(
        "OTHER_SCHOOL",
        `Ce fichier est celui de l'établissement ${uaj}, pas du vôtre (${uai}) : rien n'a été importé.`,
        "file",
      );
    }
  }
  return uai;
}

/**
 * "2026-2027" or "2026" is neither the school year under way nor, from the July archive, the next
 * one a school prepares its rentrée with: the import asks to confirm.
 */
export function isOtherYear(schoolYear: string, today: Date = clock.now()) {
  const year = Number(/\d{4}/.exec(schoolYear)?.[0] ?? Number.NaN);
  const current = schoolYearAt(today);
  return year !== current && !(year === current + 1 && today >= yearArchiveOn(current + 1));
}

/**
 * What the two SIECLE files would import into the account whose UAI is `uai`: current pupils (those
 * with a DATE_SORTIE set aside), and their responsables — legal ones only unless `otherResponsables`
 * (NIVEAU_RESPONSABILITE 2 and 3) — each with his pupils and postal address. A file of another
 * school is refused; one of another school year is flagged, to confirm. Nothing is written.
 */
export function planSiecleImport(
  pupilsFile: SieclePupilsFile,
  responsablesFile: SiecleResponsablesFile | null,
  options: { uai: string; otherResponsables?: boolean; today?: Date },
): SiecleImportPlan {
  const uai = checkSchool(options.uai, [pupilsFile.uaj, ...(responsablesFile ? [responsablesFile.uaj] : [])]);
  const current = pupilsFile.pupils.filter((p) => !p.left);
  const currentIds = new Set(current.map((p) => p.eleveId));
  const problems = [...pupilsFile.problems, ...(responsablesFile?.problems ?? [])];
  const responsables: PlannedResponsable[] = [];
  const skipped = { notLegal: 0, withoutCurrentPupil: 0 };
  if (responsablesFile) {
    const persons = new Map(responsablesFile.persons.map((p) => [p.personneId, p]));
    const kept = new Map<string, PlannedResponsable>();
    const missing = new Set<string>();
    for (const link of responsablesFile.links) {
      if (!currentIds.has(link.eleveId)) continue;
      const person = persons.get(link.personneId);
      if (!person) {
        if (!missing.has(link.personneId)) {
          missing.add(link.personneId);
          problems.push(`L'élève ${link.eleveId} est lié à la personne ${link.personneId}, absente du fichier des responsables.`);
        }
        continue;
      }
      if (link.level !== 1 && !options.otherResponsables) continue;
      let planned = kept.get(person.personneId);
      if (!planned) {
        planned = { ...person, pupils: [], address: responsablesFile.addresses.get(person.addressId) ?? null };
        kept.set(person.personneId, planned);
      }
      planned.pupils.push({ eleveId: link.eleveId, level: link.level, relationship: link.relationship });
    }
    responsables.push(...kept.values());
    const everLinked = new Set(responsablesFile.links.filter((l) => currentIds.has(l.eleveId)).map((l) => l.personneId));
    for (const person of responsablesFile.persons) {
      if (kept.has(person.personneId)) continue;
      if (everLinked.has(person.personneId)) skipped.notLegal++;
      else skipped.withoutCurrentPupil++;
    }
  }
  return {
    uai,
    schoolYear: pupilsFile.schoolYear,
    otherYear: isOtherYear(pupilsFile.schoolYear, options.today),
    pupils: current,
    leftPupils: pupilsFile.pupils.length - current.length,
    responsables,
    skipped,
    problems,
  };
}
