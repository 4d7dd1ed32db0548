/**
 * Letter models ("Courriers et documents > Modèles", F16): plain text where a line starting with
 * "# " is a title and "* " is bold, and tags in square brackets are replaced at merge time; "[["
 * and "]]" write a bracket. The same checks run in the editor (shown beside the text) and before any
 * sending (never a letter with an unknown tag).
 */
export const MODEL_TAGS = [
  { tag: "Nom", key: "lastName", help: "nom du destinataire" },
  { tag: "Prénom", key: "firstName", help: "prénom du destinataire" },
  { tag: "Civilité", key: "civility", help: "M., Mme" },
  { tag: "Identifiant", key: "loginId", help: "identifiant de connexion" },
  { tag: "Mot de passe", key: "password", help: "mot de passe provisoire (jamais un mot de passe personnalisé)" },
  { tag: "Code de sécurité", key: "securityCode", help: "les 4 chiffres qui déchiffrent le QR code" },
  { tag: "QR code", key: "qr", help: "place le QR code ; seul sur sa ligne" },
  { tag: "Date d'expiration du QR code", key: "qrExpiry", help: "un mois après le courrier" },
  { tag: "Adresse de l'Espace", key: "espaceAddress", help: "adresse publique de l'Espace" },
  { tag: "Espace", key: "espaceName", help: "Espace Élèves, Espace Professeurs …" },
  { tag: "Établissement", key: "establishment", help: "nom de l'établissement" },
  { tag: "Date", key: "today", help: "date du courrier" },
  { tag: "Si provisoire", key: "ifProvisional", help: "en début de ligne : ligne imprimée si le mot de passe est encore provisoire" },
  { tag: "Si personnalisé", key: "ifPersonalized", help: "en début de ligne : ligne imprimée si le mot de passe est déjà personnalisé" },
  {
    tag: "Si ENT",
    key: "ifEnt",
    help: "en début de ligne : ligne imprimée seulement pour qui se connecte par l'ENT (ni mot de passe ni QR code)",
  },
] as const;

export type TagKey = (typeof MODEL_TAGS)[number]["key"];
/** Tags that place or keep lines rather than write a value. */
type MarkerKey = "qr" | "ifProvisional" | "ifPersonalized" | "ifEnt";
const CONDITIONS: readonly TagKey[] = ["ifProvisional", "ifPersonalized", "ifEnt"];
export type MergeValues = Record<Exclude<TagKey, MarkerKey>, string>;
export type ModelProblem = { line: number; message: string };
export type MergedLine = { text: string; style: "title" | "bold" | "normal" };

const TAG_BY_NAME = new Map<string, TagKey>(MODEL_TAGS.map((t) => [t.tag.toLocaleLowerCase("fr"), t.key]));

type Piece = { text: string } | { key: TagKey };

function parseLine(line: string, number: number, problems: ModelProblem[]): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  let text = "";
  while (i < line.length) {
    const char = line[i];
    if ((char === "[" || char === "]") && line[i + 1] === char) {
      text += char;
      i += 2;
    } else if (char === "[") {
      const close = line.indexOf("]", i + 1);
      const open = line.indexOf("[", i + 1);
      if (close === -1 || (open !== -1 && open < close)) {
        problems.push({ line: number, message: `Ligne ${number} : crochet ouvrant sans crochet fermant.` });
        text += line.slice(i);
        break;
      }
      const name = line.slice(i + 1, close).trim();
      const key = TAG_BY_NAME.get(name.toLocaleLowerCase("fr"));
      if (!key) problems.push({ line: number, message: `Ligne ${number} : balise inconnue [${name}].` });
      else {
        if (text) pieces.push({ text });
        text = "";
        pieces.push({ key });
      }
      i = close + 1;
    } else if (char === "]") {
      problems.push({ line: number, message: `Ligne ${number} : crochet fermant sans crochet ouvrant.` });
      i++;
    } else {
      text += char;
      i++;
    }
  }
  if (text) pieces.push({ text });
  return pieces;
}

function parse(model: string) {
  const problems: ModelProblem[] = [];
  const lines = model
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((raw, index) => {
      const style: MergedLine["style"] = raw.startsWith("# ") ? "title" : raw.startsWith("* ") ? "bold" : "normal";
      const body = style === "normal" ? raw : raw.slice(2);
      const pieces = parseLine(body, index + 1, problems);
      const qrOnly = pieces.some((p) => "key" in p && p.key === "qr");
      if (qrOnly && !(pieces.length === 1 || pieces.every((p) => ("key" in p && p.key === "qr") || ("text" in p && !p.text.trim())))) {
        problems.push({ line: index + 1, message: `Ligne ${index + 1} : la balise [QR code] doit être seule sur sa ligne.` });
      }
      // [Si provisoire] / [Si personnalisé] open a line printed for one state of the password only,
      // [Si ENT] a line for the people who sign in through the ENT.
      const first = pieces[0];
      const condition = first && "key" in first && CONDITIONS.includes(first.key) ? first.key : null;
      if (pieces.slice(condition ? 1 : 0).some((p) => "key" in p && CONDITIONS.includes(p.key))) {
        problems.push({
          line: index + 1,
          message: `Ligne ${index + 1} : les balises [Si provisoire], [Si personnalisé] et [Si ENT] se placent en début de ligne.`,
        });
      }
      return { style, pieces: condition ? pieces.slice(1) : pieces, qrOnly, condition };
    });
  return { lines, problems };
}

// A batch merges one model for thousands of recipients: it is parsed once (the last few models kept).
const parsedModels = new Map<string, ReturnType<typeof parse>>();
function parsedModel(model: string) {
  let parsed = parsedModels.get(model);
  if (!parsed) {
    parsed = parse(model);
    if (parsedModels.size >= 8) parsedModels.delete(parsedModels.keys().next().value!);
    parsedModels.set(model, parsed);
  }
  return parsed;
}

/** What is wrong with a model, line by line; empty when it can be sent. */
export function checkModel(model: string): ModelProblem[] {
  if (model.length > 20_000) return [{ line: 0, message: "Le modèle ne peut pas dépasser 20 000 caractères." }];
  return parse(model).problems;
}

/**
 * The letter of one recipient: lines free of tags, and whether the model places a QR code. Without
 * a QR code (hand delivery, or a recipient who cannot have one), the paragraph that starts with
 * [QR code] — down to the next empty line — is left out: it explains the code it would print.
 * For a person who signs in through the ENT (`ent`), the password's lines are left out and the
 * [Si ENT] ones kept: his letter carries no password of the console's.
 */
export function mergeModel(
  model: string,
  values: MergeValues,
  options: { qr: boolean; personalized?: boolean; ent?: boolean } = { qr: true },
): { lines: MergedLine[]; withQr: boolean } {
  const { lines, problems } = parsedModel(model);
  if (problems.length > 0) throw new Error(problems[0].message);
  let withQr = false;
  let skipping = false;
  const merged: MergedLine[] = [];
  for (const line of lines) {
    if (line.qrOnly) {
      withQr = true;
      skipping = !options.qr;
      continue;
    }
    if (skipping && line.pieces.length === 0) skipping = false;
    if (skipping) continue;
    if (line.condition === "ifEnt" && !options.ent) continue;
    if (line.condition === "ifProvisional" && (options.personalized || options.ent)) continue;
    if (line.condition === "ifPersonalized" && (!options.personalized || options.ent)) continue;
    const text = line.pieces.map((p) => ("text" in p ? p.text : values[p.key as Exclude<TagKey, MarkerKey>])).join("");
    merged.push({ text, style: line.style });
  }
  return { lines: merged, withQr: withQr && options.qr };
}
