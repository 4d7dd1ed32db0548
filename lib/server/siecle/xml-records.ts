import "server-only";
import iconv from "iconv-lite";
import { SaxesParser } from "saxes";
import { AppError } from "@/lib/server/errors";

/** An element of a record, its attributes and trimmed text (exports pad values with spaces). */
export type XmlNode = { name: string; attrs: Record<string, string>; text: string; children: XmlNode[] };

/** The first child named `name`'s text, or "" (the exports leave out empty fields). */
export const childText = (node: XmlNode, name: string) => node.children.find((c) => c.name === name)?.text ?? "";
export const childrenNamed = (node: XmlNode, name: string) => node.children.filter((c) => c.name === name);

const refused = (reason: string) => new AppError("XML_REFUSED", reason, "file");

const CHUNK = 256 * 1024;

/**
 * What one record may hold. SIECLE's largest (an ELEVE with its scolarités, a RESPONSABLE with his
 * address) have about 60 elements, STSWEB's (a DIVISION with its services) a few hundred: these
 * bounds are 20 to 100 times that, and they stop a 43 KB zip whose one ELEVE has 11 million empty
 * children (1.9 GB of heap and 16 s before) after its first 10,000 nodes.
 */
export const XML_LIMITS = { recordNodes: 10_000, depth: 32, textChars: 10_000, attributes: 64 } as const;

const tooLarge = (name: string, element: string) =>
  refused(`Le fichier contient un élément trop grand (<${element}> dans ${name}) : ce n'est pas un export SIECLE ou STSWEB ordinaire.`);

/** The encoding the XML declaration names (SIECLE: ISO-8859-15), a BOM's, or UTF-8. */
function declaredEncoding(xml: Buffer, name: string): string {
  if (xml[0] === 0xef && xml[1] === 0xbb && xml[2] === 0xbf) return "utf-8";
  if ((xml[0] === 0xff && xml[1] === 0xfe) || (xml[0] === 0xfe && xml[1] === 0xff)) return "utf-16";
  const declaration = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(xml.subarray(0, 300).toString("latin1"));
  const encoding = (declaration?.[1] ?? "utf-8").toLowerCase();
  if (!iconv.encodingExists(encoding)) throw refused(`Le fichier ${name} déclare un encodage inconnu (${encoding}).`);
  return encoding;
}

/**
 * Whether bytes declared in a one-byte encoding are in fact UTF-8: every byte above 0x7F belongs
 * to a well-formed UTF-8 sequence, and there is at least one. Latin text is never so: its "é" is
 * one byte, followed by a letter.
 */
function looksLikeUtf8(xml: Buffer): boolean {
  let sequences = 0;
  for (let i = 0; i < xml.length; i++) {
    const byte = xml[i];
    if (byte < 0x80) continue;
    const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return false;
    for (let k = 1; k < length; k++) if (i + k >= xml.length || (xml[i + k] & 0xc0) !== 0x80) return false;
    i += length - 1;
    sequences++;
  }
  return sequences > 0;
}

/**
 * Reads an export as a stream of records: each element at one of `recordPaths` (like
 * "BEE_ELEVES/DONNEES/ELEVES/ELEVE") is handed whole to `onRecord` once closed, and only one record
 * is in memory at a time. The bytes are decoded as declared and fed a chunk at a time, the event
 * loop let go between two, so that a large file leaves the console responsive. Refused with the
 * reason: a DOCTYPE (and with it any entity expansion, the billion laughs), a declaration the bytes
 * contradict, an XML not well-formed or cut short, another root than `root`, and a record larger
 * than XML_LIMITS (nodes, depth, text, attributes), checked as it streams in.
 */
export async function readXmlRecords(
  xml: Buffer,
  name: string,
  root: string,
  recordPaths: string[],
  onRecord: (path: string, record: XmlNode) => void,
): Promise<void> {
  const encoding = declaredEncoding(xml, name);
  const singleByte = !/^(utf-?8|utf-?16.*|ucs-?2)$/.test(encoding);
  if (singleByte && looksLikeUtf8(xml)) {
    throw refused(`Le fichier ${name} déclare l'encodage ${encoding.toUpperCase()} mais il est écrit en UTF-8 : exportez-le à nouveau.`);
  }
  const wanted = new Set(recordPaths);
  const parser = new SaxesParser();
  const path: string[] = [];
  const stack: XmlNode[] = [];
  let failure: Error | null = null;
  let sawRoot = false;
  let recordNodes = 0;
  const fail = (error: Error) => {
    failure ??= error;
  };
  parser.on("error", (error) =>
    fail(refused(`Le fichier ${name} n'est pas un XML valide (${error.message.replace(/^.*?:\d+:\d+: /, "")}).`)),
  );
  parser.on("doctype", () =>
    fail(refused(`Le fichier ${name} contient une déclaration DOCTYPE, qu'un export SIECLE ou STSWEB n'a jamais.`)),
  );
  parser.on("opentag", (tag) => {
    if (failure) return;
    if (path.length >= XML_LIMITS.depth || Object.keys(tag.attributes).length > XML_LIMITS.attributes) {
      return fail(tooLarge(name, tag.name));
    }
    if (path.length === 0) {
      sawRoot = true;
      if (tag.name !== root)
        fail(refused(`Le fichier ${name} n'est pas l'export attendu : il commence par <${tag.name}> au lieu de <${root}>.`));
    }
    path.push(tag.name);
    const joined = path.join("/");
    if (stack.length > 0 || wanted.has(joined)) {
      recordNodes = stack.length === 0 ? 1 : recordNodes + 1;
      if (recordNodes > XML_LIMITS.recordNodes) return fail(tooLarge(name, stack[0]?.name ?? tag.name));
      const node: XmlNode = { name: tag.name, attrs: { ...(tag.attributes as Record<string, string>) }, text: "", children: [] };
      stack.at(-1)?.children.push(node);
      stack.push(node);
    }
  });
  const addText = (text: string) => {
    const node = stack.at(-1);
    if (!node || failure) return;
    if (node.text.length + text.length > XML_LIMITS.textChars) return fail(tooLarge(name, node.name));
    node.text += text;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.on("closetag", () => {
    if (failure) return;
    const joined = path.join("/");
    path.pop();
    const node = stack.pop();
    if (!node) return;
    node.text = node.text.trim();
    for (const key of Object.keys(node.attrs)) node.attrs[key] = node.attrs[key].trim();
    if (stack.length === 0 && wanted.has(joined)) {
      try {
        onRecord(joined, node);
      } catch (error) {
        fail(error as Error);
      }
    }
  });

  const decoder = iconv.getDecoder(encoding);
  for (let offset = 0; offset < xml.length && !failure; offset += CHUNK) {
    const text = decoder.write(xml.subarray(offset, offset + CHUNK));
    if (!singleByte && text.includes("\uFFFD")) {
      throw refused(`Le fichier ${name} déclare l'encodage ${encoding.toUpperCase()} mais contient des octets qui n'en sont pas.`);
    }
    parser.write(text);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (failure) throw failure;
  parser.write(decoder.end() ?? "");
  if (failure) throw failure;
  if (!sawRoot) throw refused(`Le fichier ${name} est vide ou n'est pas un XML.`);
  if (path.length > 0) throw refused(`Le fichier ${name} est incomplet : il a été coupé avant la fin (<${path.at(-1)}> n'est pas fermé).`);
  parser.close();
  if (failure) throw failure;
}
