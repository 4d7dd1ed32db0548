import "server-only";
import { AppError } from "@/lib/server/errors";
import { childrenNamed, childText, readXmlRecords, type XmlNode } from "./xml-records";

/**
 * STSWEB's "Emplois du temps" export, sts_emp_<UAI>_<année>.xml (STS_EDT): the teachers (FONCTION
 * ENS) keyed by INDIVIDU/@ID, with the classes and groups they teach and the subjects there.
 */
export type StsTeacher = {
  individuId: string;
  lastName: string;
  firstName: string;
  /** "M." or "Mme", from CIVILITE (1 M., 2 Mme, 3 Mlle) or else SEXE. */
  civility: string;
  /** Divisions and groups taught, in the file's order, each once. */
  classes: string[];
  /** The subjects taught, by their long label (MATIERE/LIBELLE_LONG), each once. */
  subjects: string[];
};

export type StsFile = { uaj: string; schoolYear: string; teachers: StsTeacher[]; problems: string[] };

const CIVILITY: Record<string, string> = { "1": "M.", "2": "Mme", "3": "Mme" };

/** Who teaches what in one division or group: [teacher id, subject code] for each of its services. */
function services(node: XmlNode): [string, string][] {
  return childrenNamed(node, "SERVICES").flatMap((list) =>
    childrenNamed(list, "SERVICE").flatMap((service) =>
      childrenNamed(service, "ENSEIGNANTS").flatMap((teachers) =>
        childrenNamed(teachers, "ENSEIGNANT").map((t): [string, string] => [t.attrs.ID ?? "", service.attrs.CODE_MATIERE ?? ""]),
      ),
    ),
  );
}

/** "Imports / Exports STSWEB > Récupérer des données". */
export async function readStsFile(xml: Buffer, name: string): Promise<StsFile> {
  let uaj = "";
  let schoolYear = "";
  let privateSource = "";
  const subjects = new Map<string, string>();
  const people = new Map<string, { node: XmlNode; teaches: boolean }>();
  const taught = new Map<string, { classes: Set<string>; subjects: Set<string> }>();
  const problems: string[] = [];
  await readXmlRecords(
    xml,
    name,
    "STS_EDT",
    [
      "STS_EDT/PARAMETRES",
      "STS_EDT/NOMENCLATURES/MATIERES/MATIERE",
      "STS_EDT/DONNEES/INDIVIDUS/INDIVIDU",
      "STS_EDT/DONNEES/STRUCTURE/DIVISIONS/DIVISION",
      "STS_EDT/DONNEES/STRUCTURE/GROUPES/GROUPE",
    ],
    (path, node) => {
      if (path.endsWith("PARAMETRES")) {
        uaj = (node.children.find((c) => c.name === "UAJ")?.attrs.CODE ?? childText(node, "UAJ")).toUpperCase();
        schoolYear = node.children.find((c) => c.name === "ANNEE_SCOLAIRE")?.attrs.ANNEE ?? childText(node, "ANNEE_SCOLAIRE");
        privateSource = node.children.some((c) => c.name === "APPLICATION_SOURCE") ? childText(node, "APPLICATION_SOURCE") || "?" : "";
      } else if (path.endsWith("MATIERE")) {
        if (node.attrs.CODE) subjects.set(node.attrs.CODE, childText(node, "LIBELLE_LONG") || childText(node, "LIBELLE_COURT"));
      } else if (path.endsWith("INDIVIDU")) {
        const id = node.attrs.ID ?? "";
        if (!id) problems.push("Une personne sans identifiant (INDIVIDU/@ID) n'est pas importée.");
        else if (people.has(id)) problems.push(`La personne ${id} apparaît deux fois : seule sa première fiche est gardée.`);
        else people.set(id, { node, teaches: childText(node, "FONCTION") === "ENS" });
      } else {
        const code = node.attrs.CODE ?? "";
        for (const [teacher, subject] of services(node)) {
          const entry = taught.get(teacher) ?? { classes: new Set<string>(), subjects: new Set<string>() };
          if (code) entry.classes.add(code);
          if (subject) entry.subjects.add(subject);
          taught.set(teacher, entry);
        }
      }
    },
  );
  if (privateSource) {
    throw new AppError(
      "NOT_STSWEB",
      `Le fichier ${name} vient d'un logiciel d'emploi du temps (${privateSource}), pas de STSWEB : exportez-le depuis STSWEB (Mise à jour > Exports > Emplois du temps).`,
      "file",
    );
  }
  if (!uaj)
    throw new AppError("NOT_STSWEB", `Le fichier ${name} n'indique pas l'établissement (UAJ) : ce n'est pas un export STSWEB.`, "file");
  const teachers: StsTeacher[] = [];
  for (const [individuId, { node, teaches }] of people) {
    if (!teaches) continue;
    const lastName = childText(node, "NOM_USAGE") || childText(node, "NOM_PATRONYMIQUE");
    const firstName = childText(node, "PRENOM");
    if (!lastName || !firstName) {
      problems.push(`L'enseignant ${individuId} n'a pas de nom ou de prénom : il n'est pas importé.`);
      continue;
    }
    const entry = taught.get(individuId);
    teachers.push({
      individuId,
      lastName,
      firstName,
      civility:
        CIVILITY[childText(node, "CIVILITE")] ?? (childText(node, "SEXE") === "2" ? "Mme" : childText(node, "SEXE") === "1" ? "M." : ""),
      classes: [...(entry?.classes ?? [])],
      subjects: [...(entry?.subjects ?? [])].map((code) => subjects.get(code) || code),
    });
  }
  return { uaj, schoolYear, teachers, problems };
}
