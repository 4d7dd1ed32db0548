import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { LOGIN_ID_PATTERN, LOGIN_ID_RULE } from "@/lib/schemas/user";
import { AppError } from "@/lib/server/errors";
import { fold } from "@/lib/search-key";
import {
  FIELD_LABELS,
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  PEOPLE_FIELDS,
  REQUIRED_FIELDS,
  type Mapping,
  type PeopleField,
} from "@/lib/letters/people-fields";

export type { Mapping };

/**
 * F16 recipients: people of the Espaces imported from a CSV file per population. The file is read
 * whole and judged row by row before anything is written: the report lists every refused row with
 * its reasons, and only the accepted ones are imported, all together.
 */
const ALIASES: Record<PeopleField, string[]> = {
  lastName: ["nom", "nom de famille", "nom d'usage"],
  firstName: ["prenom", "prenoms", "premier prenom"],
  loginId: ["identifiant", "login", "id. connexion", "identifiant de connexion"],
  email: ["email", "e-mail", "mail", "adresse e-mail", "courriel"],
  civility: ["civilite", "civ.", "civ"],
  group: ["classe", "groupe", "promotion", "division"],
};

export type PersonRow = { line: number } & Record<PeopleField, string>;
export type RefusedRow = { line: number; reasons: string[] };

/** UTF-8 (with or without BOM) or, failing that, Windows-1252 as Excel writes it; never binary. */
export function decodeCsv(bytes: Buffer): { text: string; encoding: "UTF-8" | "Windows-1252" } {
  if (bytes.length === 0) throw new AppError("CSV_EMPTY", "Le fichier est vide.", "file");
  if (bytes.length > MAX_CSV_BYTES) throw new AppError("CSV_TOO_LARGE", "Le fichier dépasse 5 Mo.", "file");
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes.includes(0)) {
    throw new AppError(
      "CSV_ENCODING",
      "Ce fichier n'est pas un texte CSV lisible (UTF-16 ou binaire) : enregistrez-le au format « CSV UTF-8 ».",
      "file",
    );
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ""), encoding: "UTF-8" };
  } catch {
    // Node's TextDecoder("windows-1252") decodes as Latin-1: Œ, œ, ’, € and the rest of 0x80–0x9F
    // would become control characters. iconv-lite maps them as Excel wrote them.
    return { text: iconv.decode(bytes, "windows-1252"), encoding: "Windows-1252" };
  }
}

/**
 * RFC 4180 rows, read by csv-parse; the separator (; , or tab) is the one the header line uses
 * most. Lenient as spreadsheets are: a quote inside an unquoted cell is kept as typed, rows may
 * have their own number of cells (the report says which), blank rows are skipped. A quoted cell
 * never closed is refused with its line.
 */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [";", ",", "\t"].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0];
  try {
    const rows: string[][] = parse(text, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: true });
    return rows.filter((r) => r.some((c) => c.trim() !== ""));
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new AppError(
      "CSV_FORMAT",
      `Le fichier CSV est mal formé${line ? ` vers la ligne ${line}` : ""} : un guillemet ouvert n'est jamais fermé. Enregistrez-le à nouveau au format CSV.`,
      "file",
    );
  }
}

/** Columns recognised by their header, as the mapping step proposes them. */
export function guessMapping(header: string[]): Mapping {
  const folded = header.map(fold);
  return Object.fromEntries(
    PEOPLE_FIELDS.map((field) => {
      const index = folded.findIndex((h) => ALIASES[field].includes(h));
      return [field, index === -1 ? null : index];
    }),
  ) as Mapping;
}

/** "Lisa", "Boulanger" → "lisa.boulanger": ASCII, since one mobile app mangles other bytes. */
export function loginFor(firstName: string, lastName: string): string {
  const part = (s: string) =>
    fold(s)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
  return `${part(firstName)}.${part(lastName)}`.replace(/^\.|\.$/g, "") || "utilisateur";
}

const FORMULA = /^[=+\-@\t\r]/;
/**
 * name@domain.tld, checked in one pass after a length bound: the regular expression it replaces
 * (/^[^\s@]+@[^\s@]+\.[^\s@]+$/) backtracked quadratically, and one 30,000-character cell held
 * the instance 2.4–3.1 s.
 */
export function plausibleEmail(value: string): boolean {
  if (value.length > 254 || /\s/.test(value)) return false;
  const at = value.indexOf("@");
  if (at < 1 || at !== value.lastIndexOf("@")) return false;
  const dot = value.lastIndexOf(".");
  return dot > at + 1 && dot < value.length - 1;
}

/** Who a row is, to tell a duplicate: name, first name and class, folded. */
export function personKey(p: { lastName: string; firstName: string; group: string }): string {
  return `${fold(p.lastName)}|${fold(p.firstName)}|${fold(p.group)}`;
}

export function analysePeopleCsv(
  bytes: Buffer,
  options: { mapping?: Mapping; existingLoginKeys: Set<string>; existingPeople?: Set<string> },
) {
  const { text, encoding } = decodeCsv(bytes);
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new AppError("CSV_EMPTY", "Le fichier ne contient aucune ligne.", "file");
  if (rows.length > MAX_CSV_ROWS) {
    throw new AppError("CSV_TOO_MANY", `Le fichier compte ${rows.length} lignes : importez-en au plus ${MAX_CSV_ROWS} à la fois.`, "file");
  }
  const mapping = options.mapping ?? guessMapping(header);
  const missing = REQUIRED_FIELDS.filter((field) => mapping[field] === null || mapping[field]! >= header.length);
  if (missing.length > 0) {
    const names = missing.map((f) => FIELD_LABELS[f]).join(", ");
    throw new AppError(
      "CSV_COLUMNS",
      `Colonne manquante : ${names}. Associez une colonne du fichier à chaque champ obligatoire.`,
      "mapping",
    );
  }

  const accepted: PersonRow[] = [];
  const refused: RefusedRow[] = [];
  const taken = new Map<string, number>(); // login key → line that took it
  const people = new Map<string, number>(); // name + group → line
  rows.forEach((cells, index) => {
    const line = index + 2;
    const reasons: string[] = [];
    if (cells.length !== header.length) reasons.push(`${cells.length} colonnes au lieu de ${header.length}`);
    const value = (field: PeopleField) => {
      const column = mapping[field];
      return column === null ? "" : (cells[column] ?? "").trim();
    };
    const row = { line, ...Object.fromEntries(PEOPLE_FIELDS.map((f) => [f, value(f)])) } as PersonRow;
    for (const field of PEOPLE_FIELDS) {
      if (FORMULA.test(row[field]))
        reasons.push(`${FIELD_LABELS[field]} commence comme une formule de tableur (« ${row[field].slice(0, 20)} »)`);
      if (row[field].length > 100) reasons.push(`${FIELD_LABELS[field]} dépasse 100 caractères`);
    }
    for (const field of REQUIRED_FIELDS) if (!row[field]) reasons.push(`${FIELD_LABELS[field]} manquant`);
    if (row.email && !plausibleEmail(row.email))
      reasons.push(`adresse e-mail invalide (« ${row.email.slice(0, 80)}${row.email.length > 80 ? "…" : ""} »)`);
    if (row.loginId && !LOGIN_ID_PATTERN.test(row.loginId)) reasons.push(`identifiant : ${LOGIN_ID_RULE}`);
    const person = personKey(row);
    if (reasons.length === 0 && people.has(person)) reasons.push(`doublon de la ligne ${people.get(person)}`);
    if (reasons.length === 0 && options.existingPeople?.has(person)) reasons.push("déjà importé(e) dans cette population");
    if (reasons.length === 0) {
      if (row.loginId) {
        const key = row.loginId.toLowerCase();
        if (options.existingLoginKeys.has(key)) reasons.push(`identifiant ${row.loginId} déjà utilisé dans l'établissement`);
        else if (taken.has(key)) reasons.push(`identifiant ${row.loginId} déjà pris ligne ${taken.get(key)}`);
      } else {
        const base = loginFor(row.firstName, row.lastName);
        let candidate = base;
        for (let n = 2; options.existingLoginKeys.has(candidate) || taken.has(candidate); n++) candidate = `${base}${n}`;
        row.loginId = candidate;
      }
    }
    if (reasons.length > 0) {
      refused.push({ line, reasons });
      return;
    }
    taken.set(row.loginId.toLowerCase(), line);
    people.set(person, line);
    accepted.push(row);
  });
  return { encoding, header, mapping, accepted, refused };
}
