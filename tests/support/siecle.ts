import iconv from "iconv-lite";

/**
 * Synthetic SIECLE exports, built from the structure in ../shared/reference/siecle-sts-formats.md:
 * fictitious names (with every French accent and apostrophe), UAI 0123456A by default, encoded as
 * SIECLE writes them (ISO-8859-15) and right-padded as it pads values.
 */
export const UAI = "0123456A";

const LAST = ["D'Artagnan", "Lefèvre", "Noël", "Œillet", "Çaba", "Müller", "Dupré-Hénault", "Ébène", "Lâm", "Gaïa"];
const FIRST = ["Zoé", "Anaïs", "Jérôme", "Françoise", "Maël", "Ève", "Léa", "Ñoño", "Aimée", "Loïc"];

export const pupilName = (i: number) => ({ lastName: `${LAST[i % LAST.length]}${i}`, firstName: FIRST[i % FIRST.length] });

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/'/g, "&apos;");
const pad = (s: string) => `${esc(s)}   `;

/**
 * `from`: the first pupil's number (next year's file drops the first ones and adds new ones after
 * the last); `grade`: added to every class's level (next year, 6A's pupils are in 5A).
 */
type Options = { uaj?: string; year?: number; encoding?: string; declared?: string; from?: number; grade?: number };

function encode(xml: string, options: Options) {
  const encoding = options.encoding ?? "ISO-8859-15";
  const declared = options.declared ?? encoding;
  return iconv.encode(`<?xml version="1.0" encoding="${declared}"?>\n${xml}`, encoding);
}

/** ElevesSansAdresses.xml: `count` pupils in classes of 30 (6A, 6B, …); those in `left` have left. */
export function sieclePupilsXml(count: number, options: Options & { left?: Set<number>; inactive?: Set<number>; duplicate?: number } = {}) {
  const ids = Array.from({ length: count }, (_, i) => i + (options.from ?? 0));
  const eleves = ids.map((i) => {
    const { lastName, firstName } = pupilName(i);
    return `<ELEVE ELEVE_ID="${100000 + i}" ELENOET="${i}"><ID_NATIONAL>${String(i).padStart(10, "0")}A</ID_NATIONAL><NOM_DE_FAMILLE>${pad(lastName)}</NOM_DE_FAMILLE><PRENOM>${pad(firstName)}</PRENOM><DATE_NAISS>01/09/2012</DATE_NAISS><CODE_SEXE>2</CODE_SEXE>${options.left?.has(i) ? "<DATE_SORTIE>15/01/2027</DATE_SORTIE>" : ""}</ELEVE>`;
  });
  if (options.duplicate !== undefined) eleves.push(eleves[options.duplicate]);
  const structures = ids.map(
    (i) =>
      `<STRUCTURES_ELEVE ELEVE_ID="${100000 + i}"><STRUCTURE><CODE_STRUCTURE>${options.inactive?.has(i) ? "Inactifs" : `${6 + Math.floor(i / 600) - (options.grade ?? 0)}${"ABCDEFGHIJKLMNOPQRST"[Math.floor(i / 30) % 20]}`}</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE><STRUCTURE><CODE_STRUCTURE>LATIN</CODE_STRUCTURE><TYPE_STRUCTURE>G</TYPE_STRUCTURE></STRUCTURE></STRUCTURES_ELEVE>`,
  );
  return encode(
    `<BEE_ELEVES VERSION="2.1"><PARAMETRES><UAJ>${options.uaj ?? UAI}</UAJ><ANNEE_SCOLAIRE>${options.year ?? 2026}</ANNEE_SCOLAIRE><DATE_EXPORT>02/12/2026</DATE_EXPORT></PARAMETRES><DONNEES><ELEVES>\n${eleves.join("\n")}\n</ELEVES><STRUCTURES>\n${structures.join("\n")}\n</STRUCTURES></DONNEES></BEE_ELEVES>`,
    options,
  );
}

/**
 * ResponsablesAvecAdresses.xml for `pupils` pupils: a mother and a father each, at the pupil's
 * address — but pupil 1 is pupil 0's brother, with the same parents —, a contact (level 3) for
 * every tenth pupil, and a person linked to nobody. 3,000 pupils: 6,299 persons.
 */
export function siecleResponsablesXml(pupils: number, options: Options & { missingPerson?: number } = {}) {
  const persons: string[] = [];
  const links: string[] = [];
  const addresses: string[] = [];
  const link = (child: number, person: number, level: number, parente: string) =>
    links.push(
      `<RESPONSABLE_ELEVE><ELEVE_ID>${100000 + child}</ELEVE_ID><PERSONNE_ID>${person}</PERSONNE_ID><NIVEAU_RESPONSABILITE>${level}</NIVEAU_RESPONSABILITE><CODE_PARENTE>${parente}</CODE_PARENTE></RESPONSABLE_ELEVE>`,
    );
  for (let child = options.from ?? 0; child < pupils + (options.from ?? 0); child++) {
    const family = child === 1 ? 0 : child;
    if (child === options.missingPerson) link(child, 999999, 1, "10");
    if (family !== child) {
      link(child, 500000, 1, "10");
      link(child, 500001, 1, "20");
      continue;
    }
    const address = 900000 + child;
    addresses.push(
      `<ADRESSE ADRESSE_ID="${address}"><LIGNE1_ADRESSE>${child} rue de l'Église</LIGNE1_ADRESSE><CODE_POSTAL>75011</CODE_POSTAL><LIBELLE_POSTAL>PARIS</LIBELLE_POSTAL><LL_PAYS>FRANCE</LL_PAYS></ADRESSE>`,
    );
    const { lastName } = pupilName(child);
    for (const [id, civility, first, parente] of [
      [500000 + 2 * child, "MME", "Hélène", "10"],
      [500001 + 2 * child, "M.", "Benoît", "20"],
    ] as const) {
      persons.push(
        `<PERSONNE PERSONNE_ID="${id}"><NOM_DE_FAMILLE>${pad(lastName)}</NOM_DE_FAMILLE><PRENOM>${first}</PRENOM><LC_CIVILITE>${civility}</LC_CIVILITE><TEL_PORTABLE>06${String(id).padStart(8, "0")}</TEL_PORTABLE><MEL>p${id}@famille.test</MEL><ACCEPTE_SMS>${id % 4 === 0 ? 0 : 1}</ACCEPTE_SMS><ADRESSE_ID>${address}</ADRESSE_ID></PERSONNE>`,
      );
      link(child, id, 1, parente);
    }
  }
  for (let i = options.from ?? 0; i < pupils + (options.from ?? 0); i += 10) {
    persons.push(`<PERSONNE PERSONNE_ID="${700000 + i}"><NOM_DE_FAMILLE>Contact${i}</NOM_DE_FAMILLE><PRENOM>Agnès</PRENOM></PERSONNE>`);
    links.push(
      `<RESPONSABLE_ELEVE><ELEVE_ID>${100000 + i}</ELEVE_ID><PERSONNE_ID>${700000 + i}</PERSONNE_ID><NIVEAU_RESPONSABILITE>3</NIVEAU_RESPONSABILITE><CODE_PARENTE>39</CODE_PARENTE></RESPONSABLE_ELEVE>`,
    );
  }
  persons.push(`<PERSONNE PERSONNE_ID="800000"><NOM_DE_FAMILLE>Seul</NOM_DE_FAMILLE><PRENOM>Yves</PRENOM></PERSONNE>`);
  return encode(
    `<BEE_RESPONSABLES VERSION="1.7"><PARAMETRES><UAJ>${options.uaj ?? UAI}</UAJ><ANNEE_SCOLAIRE>${options.year ?? 2026}</ANNEE_SCOLAIRE></PARAMETRES><DONNEES><PERSONNES>\n${persons.join("\n")}\n</PERSONNES><RESPONSABLES>\n${links.join("\n")}\n</RESPONSABLES><ADRESSES>\n${addresses.join("\n")}\n</ADRESSES></DONNEES></BEE_RESPONSABLES>`,
    options,
  );
}

const SUBJECTS = [
  ["030201", "ANGLAIS LV1"],
  ["061300", "MATHEMATIQUES"],
  ["020100", "FRANCAIS"],
  ["040600", "HISTOIRE-GEOGRAPHIE"],
  ["080100", "EDUCATION PHYSIQUE ET SPORTIVE"],
] as const;

/**
 * sts_emp_<UAI>_<année>.xml: `count` teachers (FONCTION ENS) sharing 100 divisions, each division
 * taught by five of them; plus a headteacher (FONCTION DIR) and a teacher on leave (no FONCTION).
 * `source` writes an APPLICATION_SOURCE, as a private timetable program's export has.
 */
export function stsXml(count: number, options: Options & { source?: string } = {}) {
  const from = options.from ?? 0;
  const individus = Array.from({ length: count }, (_, j) => {
    const i = j + from;
    const { lastName, firstName } = pupilName(i + 7);
    return `<INDIVIDU ID="${20000 + i}" TYPE="epp"><SEXE>${i % 2 ? 1 : 2}</SEXE><CIVILITE>${i % 2 ? 1 : 2}</CIVILITE><NOM_USAGE>${pad(lastName.toUpperCase())}</NOM_USAGE><NOM_PATRONYMIQUE>${pad(lastName.toUpperCase())}</NOM_PATRONYMIQUE><PRENOM>${pad(firstName)}</PRENOM><DATE_NAISSANCE>1980-05-1${i % 10}</DATE_NAISSANCE><GRADE>CERT. CLASSE NORMALE</GRADE><FONCTION>ENS</FONCTION></INDIVIDU>`;
  });
  individus.push(
    `<INDIVIDU ID="29998" TYPE="epp"><NOM_USAGE>PRINCIPALE</NOM_USAGE><PRENOM>Mireille</PRENOM><FONCTION>DIR</FONCTION></INDIVIDU>`,
  );
  individus.push(`<INDIVIDU ID="29999" TYPE="local"><NOM_USAGE>ENCONGÉ</NOM_USAGE><PRENOM>Rémi</PRENOM></INDIVIDU>`);
  const divisions = Array.from({ length: 100 }, (_, d) => {
    const servicesXml = SUBJECTS.map(
      ([code], s) =>
        `<SERVICE CODE_MATIERE="${code}" CODE_MOD_COURS="CG"><ENSEIGNANTS><ENSEIGNANT ID="${20000 + from + ((d * 5 + s) % count)}" TYPE="epp"/></ENSEIGNANTS></SERVICE>`,
    ).join("");
    return `<DIVISION CODE="${6 + Math.floor(d / 20)}${"ABCDEFGHIJKLMNOPQRST"[d % 20]}"><LIBELLE_LONG>Division ${d}</LIBELLE_LONG><SERVICES>${servicesXml}</SERVICES></DIVISION>`;
  });
  const matieres = SUBJECTS.map(
    ([code, label]) =>
      `<MATIERE CODE="${code}"><CODE_GESTION>X</CODE_GESTION><LIBELLE_COURT>${label.slice(0, 10)}</LIBELLE_COURT><LIBELLE_LONG>${label}</LIBELLE_LONG></MATIERE>`,
  );
  return encode(
    `<STS_EDT><PARAMETRES><UAJ CODE="${options.uaj ?? UAI}"/><ANNEE_SCOLAIRE ANNEE="${options.year ?? 2026}"/>${options.source ? `<APPLICATION_SOURCE>${options.source}</APPLICATION_SOURCE>` : ""}</PARAMETRES><NOMENCLATURES><MATIERES>${matieres.join("")}</MATIERES></NOMENCLATURES><DONNEES><INDIVIDUS>\n${individus.join("\n")}\n</INDIVIDUS><STRUCTURE><DIVISIONS>\n${divisions.join("\n")}\n</DIVISIONS><GROUPES><GROUPE CODE="LATIN-5"><LIBELLE_LONG>Latin</LIBELLE_LONG><SERVICES><SERVICE CODE_MATIERE="020100"><ENSEIGNANTS><ENSEIGNANT ID="${20000 + from}" TYPE="epp"/></ENSEIGNANTS></SERVICE></SERVICES></GROUPE></GROUPES></STRUCTURE></DONNEES></STS_EDT>`,
    options,
  );
}
