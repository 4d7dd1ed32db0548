import { createHash } from "node:crypto";
import { z } from "zod";
import { BASE_FILE_TOO_LARGE, gridSchema, MAX_BASE_FILE_BYTES } from "@/lib/schemas/base";
import { resourcesSchema } from "@/lib/base-resources";
import { isProduct, productInfo } from "@/lib/products";
import { AppError } from "@/lib/server/errors";

/**
 * The file "Transférer la base" downloads and "Charger une base" reads back. Three lines of UTF-8:
 *
 *   CONSOLE-HEBERGEMENT-BASE/1
 *   {"product":"PRONOTE_CAMPUS","version":"2026","name":"Base 2026","grid":{…},"resources":{…},…}
 *   SHA-256 <64 hex digits of the second line's bytes> <its length in bytes>
 *
 * The first line tells a base from any other file and carries the format's version; the last one
 * tells a truncated copy (no last line, or a shorter body) from an altered one (wrong digest).
 */
export const BASE_FILE_MAGIC = "CONSOLE-HEBERGEMENT-BASE";
export const BASE_FILE_FORMAT = 1;
export const BASE_FILE_EXTENSION = ".base";

const contentSchema = z
  .object({
    product: z.string(),
    version: z.string().regex(/^\d{4}$/),
    name: z.string(),
    grid: z.unknown(),
    resources: resourcesSchema,
    lastEditedAt: z.iso.datetime(),
  })
  .strict();

export type BaseFileContent = {
  product: string;
  version: string;
  name: string;
  grid: Omit<z.output<typeof gridSchema>, "name">;
  resources: z.output<typeof resourcesSchema>;
  lastEditedAt: string;
};

export type BaseFileRefusal =
  | "EMPTY"
  | "TOO_LARGE"
  | "NOT_A_BASE"
  | "FORMAT"
  | "TRUNCATED"
  | "CHECKSUM"
  | "PRODUCT"
  | "VERSION"
  | "CONTENT";

function refuse(code: BaseFileRefusal, message: string): never {
  throw new AppError(`BASE_FILE_${code}`, message, "file");
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

export function encodeBaseFile(content: BaseFileContent): Buffer {
  const body = Buffer.from(JSON.stringify(content), "utf8");
  return Buffer.concat([
    Buffer.from(`${BASE_FILE_MAGIC}/${BASE_FILE_FORMAT}\n`, "utf8"),
    body,
    Buffer.from(`\nSHA-256 ${sha256(body)} ${body.length}\n`, "utf8"),
  ]);
}

/**
 * Reads a base file for a planning of `expected.product` running `expected.version`, or says in
 * French why it is refused. Nothing is trusted before the digest matches.
 */
export function decodeBaseFile(bytes: Buffer, expected: { product: string; version: string }): BaseFileContent {
  const product = productInfo(expected.product).displayName;
  if (bytes.length === 0) refuse("EMPTY", "Le fichier est vide.");
  if (bytes.length > MAX_BASE_FILE_BYTES) refuse("TOO_LARGE", BASE_FILE_TOO_LARGE);

  const firstBreak = bytes.indexOf(0x0a);
  const header = bytes.subarray(0, firstBreak === -1 ? Math.min(bytes.length, 64) : firstBreak).toString("utf8");
  const magic = /^CONSOLE-HEBERGEMENT-BASE\/(\d+)$/.exec(header);
  if (!magic) {
    refuse("NOT_A_BASE", `Ce fichier n'est pas une base ${product} : choisissez un fichier obtenu avec « Transférer la base ».`);
  }
  if (Number(magic[1]) !== BASE_FILE_FORMAT) {
    refuse("FORMAT", `Ce fichier est au format ${magic[1]}, que cette console ne sait pas lire (format ${BASE_FILE_FORMAT}).`);
  }

  const rest = bytes.subarray(firstBreak + 1);
  const trailer = firstBreak === -1 ? null : /\nSHA-256 ([0-9a-f]{64}) (\d+)\n?$/.exec(rest.toString("latin1"));
  const body = trailer ? rest.subarray(0, trailer.index) : null;
  if (!trailer || !body || body.length !== Number(trailer[2])) {
    refuse("TRUNCATED", "Le fichier est incomplet : il a été tronqué pendant la copie ou le téléchargement. Transférez la base à nouveau.");
  }
  if (sha256(body) !== trailer[1]) {
    refuse("CHECKSUM", "Le fichier a été modifié ou endommagé : sa somme de contrôle ne correspond pas à son contenu.");
  }

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    refuse("CONTENT", "Le contenu de la base est illisible.");
  }
  const parsed = contentSchema.safeParse(json);
  if (!parsed.success) refuse("CONTENT", "Le contenu de la base est invalide : des éléments manquent ou sont incorrects.");
  const content = parsed.data;
  if (content.product !== expected.product) {
    const other = isProduct(content.product) ? productInfo(content.product).displayName : "d'un autre produit";
    refuse("PRODUCT", `Ce fichier est une base ${other} : il ne peut pas être chargé dans un planning ${product}.`);
  }
  if (content.version !== expected.version) {
    refuse(
      "VERSION",
      `Cette base est en version ${content.version} ; vos plannings sont en version ${expected.version}. Chargez une base de la version ${expected.version}.`,
    );
  }
  const grid = gridSchema.safeParse({ ...(content.grid as object), name: content.name });
  if (!grid.success) refuse("CONTENT", `Le contenu de la base est invalide : ${grid.error.issues[0].message}`);
  const { name, ...gridOnly } = grid.data;
  return { ...content, name, grid: gridOnly };
}
