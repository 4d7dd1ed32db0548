import "server-only";
import { AppError } from "@/lib/server/errors";
import { childrenNamed, childText, readXmlRecords, type XmlNode } from "./xml-records";

/**
 * SIECLE's generic XML exports (../shared/reference/siecle-sts-formats.md): the pupils
 * (BEE_ELEVES) and their responsables (BEE_RESPONSABLES), read as they are, problems listed.
 */
export type SieclePupil = {
  eleveId: string;
  ine: string;
  lastName: string;
  firstName: string;
  /** dd/mm/yyyy, as exported. */
  birthDate: string;
  /** The division (TYPE_STRUCTURE D); "" when the pupil has none. */
  className: string;
  /** A DATE_SORTIE, or no division but SIECLE's "Inactifs": the pupil left, he is not a current pupil. */
  left: boolean;
};

export type SiecleHeader = { uaj: string; schoolYear: string; exportDate: string };

export type SieclePupilsFile = SiecleHeader & { pupils: SieclePupil[]; problems: string[] };

export type SiecleResponsable = {
  personneId: string;
  lastName: string;
  firstName: string;
  civility: string;
  email: string;
  mobile: string;
  acceptsSms: boolean;
  addressId: string;
};

/** 1 représentant légal, 2 personne en charge, 3 contact (older files: RESP_LEGAL 1 or 2, else 0). */
export type ResponsibilityLevel = 1 | 2 | 3;
export type SiecleLink = { eleveId: string; personneId: string; level: ResponsibilityLevel; relationship: string };
export type SiecleAddress = { lines: string[]; postalCode: string; city: string; country: string };

export type SiecleResponsablesFile = SiecleHeader & {
  persons: SiecleResponsable[];
  links: SiecleLink[];
  addresses: Map<string, SiecleAddress>;
  problems: string[];
};

const header = (node: XmlNode): SiecleHeader => ({
  uaj: childText(node, "UAJ").toUpperCase(),
  schoolYear: childText(node, "ANNEE_SCOLAIRE"),
  exportDate: childText(node, "DATE_EXPORT"),
});

/** SIECLE's division of the pupils who left ("Inactifs", "INACTIFS"). */
const isInactive = (code: string) => code.trim().toLowerCase() === "inactifs";

const lastNameOf = (node: XmlNode) => childText(node, "NOM_USAGE") || childText(node, "NOM_DE_FAMILLE") || childText(node, "NOM");

/** "Récupérer les données des élèves": ElevesSansAdresses.xml or ElevesAvecAdresses.xml. */
export async function readSieclePupils(xml: Buffer, name: string): Promise<SieclePupilsFile> {
  let head: SiecleHeader = { uaj: "", schoolYear: "", exportDate: "" };
  const pupils = new Map<string, SieclePupil>();
  const classes = new Map<string, string>();
  const problems: string[] = [];
  await readXmlRecords(
    xml,
    name,
    "BEE_ELEVES",
    ["BEE_ELEVES/PARAMETRES", "BEE_ELEVES/DONNEES/ELEVES/ELEVE", "BEE_ELEVES/DONNEES/STRUCTURES/STRUCTURES_ELEVE"],
    (path, node) => {
      if (path.endsWith("PARAMETRES")) head = header(node);
      else if (path.endsWith("STRUCTURES_ELEVE")) {
        const divisions = childrenNamed(node, "STRUCTURE")
          .filter((s) => childText(s, "TYPE_STRUCTURE") === "D")
          .map((s) => childText(s, "CODE_STRUCTURE"));
        // SIECLE keeps pupils who left in an "Inactifs" division; a real class comes first.
        const division = divisions.find((code) => !isInactive(code)) ?? divisions[0];
        if (division !== undefined && node.attrs.ELEVE_ID) classes.set(node.attrs.ELEVE_ID, division);
      } else {
        const eleveId = node.attrs.ELEVE_ID ?? "";
        const pupil = {
          eleveId,
          ine: childText(node, "ID_NATIONAL"),
          lastName: lastNameOf(node),
          firstName: childText(node, "PRENOM"),
          birthDate: childText(node, "DATE_NAISS"),
          className: "",
          left: childText(node, "DATE_SORTIE") !== "",
        };
        if (!eleveId)
          problems.push(`Un élève (${pupil.lastName} ${pupil.firstName}) n'a pas d'identifiant ELEVE_ID : il n'est pas importé.`);
        else if (!pupil.lastName || !pupil.firstName)
          problems.push(`L'élève ${eleveId} n'a pas de nom ou de prénom : il n'est pas importé.`);
        else if (pupils.has(eleveId))
          problems.push(
            `L'élève ${eleveId} (${pupil.lastName} ${pupil.firstName}) apparaît deux fois : seule sa première fiche est gardée.`,
          );
        else pupils.set(eleveId, pupil);
      }
    },
  );
  if (!head.uaj)
    throw new AppError("NOT_SIECLE", `Le fichier ${name} n'indique pas l'établissement (UAJ) : ce n'est pas un export SIECLE.`, "file");
  for (const pupil of pupils.values()) {
    pupil.className = classes.get(pupil.eleveId) ?? "";
    if (isInactive(pupil.className)) {
      pupil.left = true;
      pupil.className = "";
    }
  }
  return { ...head, pupils: [...pupils.values()], problems };
}

function levelOf(node: XmlNode): ResponsibilityLevel {
  const level = childText(node, "NIVEAU_RESPONSABILITE");
  if (level === "1" || level === "2" || level === "3") return Number(level) as ResponsibilityLevel;
  const legal = childText(node, "RESP_LEGAL");
  return legal === "1" || legal === "2" ? 1 : 3;
}

/** "Récupérer les données des élèves": ResponsablesAvecAdresses.xml (or SansAdresses). */
export async function readSiecleResponsables(xml: Buffer, name: string): Promise<SiecleResponsablesFile> {
  let head: SiecleHeader = { uaj: "", schoolYear: "", exportDate: "" };
  const persons = new Map<string, SiecleResponsable>();
  const links: SiecleLink[] = [];
  const addresses = new Map<string, SiecleAddress>();
  const problems: string[] = [];
  await readXmlRecords(
    xml,
    name,
    "BEE_RESPONSABLES",
    [
      "BEE_RESPONSABLES/PARAMETRES",
      "BEE_RESPONSABLES/DONNEES/PERSONNES/PERSONNE",
      "BEE_RESPONSABLES/DONNEES/RESPONSABLES/RESPONSABLE_ELEVE",
      "BEE_RESPONSABLES/DONNEES/ADRESSES/ADRESSE",
    ],
    (path, node) => {
      if (path.endsWith("PARAMETRES")) head = header(node);
      else if (path.endsWith("PERSONNE")) {
        const personneId = node.attrs.PERSONNE_ID ?? "";
        const person = {
          personneId,
          lastName: lastNameOf(node),
          firstName: childText(node, "PRENOM"),
          civility: childText(node, "LC_CIVILITE"),
          email: childText(node, "MEL"),
          mobile: childText(node, "TEL_PORTABLE"),
          acceptsSms: childText(node, "ACCEPTE_SMS") === "1",
          addressId: childText(node, "ADRESSE_ID"),
        };
        if (!personneId || !person.lastName) problems.push(`Une personne sans identifiant PERSONNE_ID ou sans nom n'est pas importée.`);
        else if (persons.has(personneId))
          problems.push(
            `La personne ${personneId} (${person.lastName} ${person.firstName}) apparaît deux fois : seule sa première fiche est gardée.`,
          );
        else persons.set(personneId, person);
      } else if (path.endsWith("RESPONSABLE_ELEVE")) {
        links.push({
          eleveId: childText(node, "ELEVE_ID"),
          personneId: childText(node, "PERSONNE_ID"),
          level: levelOf(node),
          relationship: childText(node, "CODE_PARENTE"),
        });
      } else if (node.attrs.ADRESSE_ID) {
        addresses.set(node.attrs.ADRESSE_ID, {
          lines: ["LIGNE1_ADRESSE", "LIGNE2_ADRESSE", "LIGNE3_ADRESSE", "LIGNE4_ADRESSE"].map((l) => childText(node, l)).filter(Boolean),
          postalCode: childText(node, "CODE_POSTAL"),
          city: childText(node, "LIBELLE_POSTAL") || childText(node, "COMMUNE_ETRANGERE"),
          country: childText(node, "LL_PAYS"),
        });
      }
    },
  );
  if (!head.uaj)
    throw new AppError("NOT_SIECLE", `Le fichier ${name} n'indique pas l'établissement (UAJ) : ce n'est pas un export SIECLE.`, "file");
  return { ...head, persons: [...persons.values()], links, addresses, problems };
}
