import PDFDocument from "pdfkit";
import type { Writable } from "node:stream";
import type { QrSegment } from "./qr-payload";
import { qrImageMask } from "./qr-matrix";

/** One merged letter: its lines, already free of tags, and the QR code's segments (or none). */
export type LetterLine = { text: string; style?: "title" | "bold" | "normal" };
/**
 * The head of a letter a school posts: who sends it (the establishment) on the left, the date on
 * the right, then the recipient's block where a window envelope shows it.
 */
export type LetterHead = { sender: string[]; date: string; recipient: string[] };
export type Letter = { lines: LetterLine[]; qr: QrSegment[] | null; head?: LetterHead };

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const QR_SIZE = 120; // points, about 42 mm: flashed easily from a printed page
/**
 * A module is at least 0.5 mm, which phone cameras read from paper: a longer login or address needs a
 * denser symbol, which is then printed larger (120 pt holds 0.5 mm modules up to version 14).
 */
const MIN_MODULE = (0.5 / 25.4) * 72;
/** The recipient's block sits where a DL window envelope (right window, 45 mm from the top) shows it. */
const RECIPIENT_X = 312;
const RECIPIENT_Y = 128;

/** The side of the printed QR code, quiet zone included, for a symbol of `modules` modules. */
export function qrPrintSize(modules: number): number {
  return Math.max(QR_SIZE, (modules + 8) * MIN_MODULE);
}
const STYLE = {
  title: { font: "Helvetica-Bold", size: 15, gap: 10 },
  bold: { font: "Helvetica-Bold", size: 11, gap: 4 },
  normal: { font: "Helvetica", size: 11, gap: 4 },
} as const;
/** Above this much PDF waiting to be read, the writer waits for the reader: memory stays flat. */
const HIGH_WATER = 1024 * 1024;

/**
 * The QR symbol as a 1-bit inline image mask in the page's content stream: about a kilobyte a
 * letter, drawn with no interpolation so that it stays sharp at any print size, and far cheaper
 * than a PNG per letter. The mask pattern is fixed (all eight are valid and every reader decodes
 * them); searching for the "best" one costs ten times more than the whole symbol.
 */
export function qrContent(segments: QrSegment[] | ReturnType<typeof qrImageMask>, x: number, y: number, size: number): string {
  const { size: n, rows } = Array.isArray(segments) ? qrImageMask(segments) : segments;
  const quiet = 4;
  const unit = size / (n + 2 * quiet);
  const hex = Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength).toString("hex");
  const side = n * unit;
  const left = x + quiet * unit;
  const top = y + quiet * unit;
  // pdfkit's pages count y downwards; an image's first row belongs at the top of its square.
  return `q 1 1 1 rg ${x} ${y} ${size} ${size} re f 0 0 0 rg ${side} 0 0 ${-side} ${left} ${top + side} cm BI /W ${n} /H ${n} /IM true /BPC 1 /F /AHx /Interpolate false ID ${hex}> EI Q`;
}

/** What pdfkit keeps of a standard font, used here to write text without its per-call layout. */
export type FontInternals = {
  id: string;
  font: {
    glyphsForString(text: string): string[];
    encodeText(text: string): string[];
    getKernPair(left: string, right: string): number;
    widthOfGlyph(glyph: string): number;
  };
  ascender: number;
  ref(): unknown;
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number }[]];
  widthOfString(text: string, size: number): number;
  lineHeight(size: number, includeGap?: boolean): number;
};
type DocInternals = {
  _font: FontInternals;
  _fontFamilies: Record<string, unknown>;
  _fontCount: number;
  page: { fonts: Record<string, unknown> };
  _root: { data: { Pages: { data: { Kids: { id: number; gen: number }[] } } } };
};

const num = (n: number) => String(Math.round(n * 1000) / 1000);

/**
 * Text as pdfkit writes it (WinAnsi, kerned TJ), but each distinct string encoded once: a model's
 * fixed sentences come back in every letter, and re-kerning them was most of the time per letter.
 */
/**
 * What repeats from letter to letter is a model's fixed text; names and passwords do not. A cache
 * that outgrows that is emptied (the fixed text comes back at once), so memory stays flat.
 */
const CACHE_LIMIT = 2_000;
function remember<V>(cache: Map<string, V>, key: string, value: V) {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

export class TextWriter {
  private shown = new Map<string, string>();
  private widths = new Map<string, number>();
  private codes = new Map<number, { hex: string; glyph: string; width: number }>();
  private kerns = new Map<number, number>();
  constructor(private font: FontInternals) {}

  private code(char: number) {
    let code = this.codes.get(char);
    if (!code) {
      const text = String.fromCharCode(char);
      const glyph = this.font.font.glyphsForString(text)[0];
      code = { hex: this.font.font.encodeText(text)[0], glyph, width: this.font.font.widthOfGlyph(glyph) };
      this.codes.set(char, code);
    }
    return code;
  }

  private kern(left: number, right: number): number {
    const key = left * 65536 + right;
    let kern = this.kerns.get(key);
    if (kern === undefined) {
      kern = this.font.font.getKernPair(this.code(left).glyph, this.code(right).glyph);
      this.kerns.set(key, kern);
    }
    return kern;
  }

  /**
   * The TJ operator pdfkit would write for `text`: WinAnsi codes in runs, each run closed by the
   * kerning to the next glyph. A model's fixed sentences are encoded once; codes and kerning
   * pairs are looked up by character code.
   */
  show(text: string): string {
    let tj = this.shown.get(text);
    if (tj !== undefined) return tj;
    const commands: string[] = [];
    let run = "";
    for (let i = 0; i < text.length; i++) {
      const char = text.charCodeAt(i);
      run += this.code(char).hex;
      const kern = i + 1 < text.length ? this.kern(char, text.charCodeAt(i + 1)) : 0;
      if (kern !== 0 || i === text.length - 1) {
        commands.push(`<${run}> ${num(-kern)}`);
        run = "";
      }
    }
    tj = `[${commands.join(" ")}] TJ`;
    remember(this.shown, text, tj);
    return tj;
  }

  /** Greedy line breaking on spaces, measured as pdfkit measures (kerning around spaces included). */
  breakLines(text: string, size: number, width: number): string[] {
    const SPACE = 32;
    const space = this.width(" ");
    // The width `word` adds after `before` and a space, at 1 pt.
    const after = (before: string, word: string) => {
      let w = space + this.width(word);
      if (before) w += this.kern(before.charCodeAt(before.length - 1), SPACE) / 1000;
      if (word) w += this.kern(SPACE, word.charCodeAt(0)) / 1000;
      return w;
    };
    const lines: string[] = [];
    let current: string | null = null;
    let currentWidth = 0;
    let lastWord = "";
    for (const word of text.split(" ")) {
      if (current === null) {
        current = word;
        currentWidth = this.width(word);
      } else {
        const added = after(lastWord, word);
        if (current && (currentWidth + added) * size > width) {
          lines.push(current);
          current = word;
          currentWidth = this.width(word);
        } else {
          current = `${current} ${word}`;
          currentWidth += added;
        }
      }
      lastWord = word;
    }
    lines.push(current ?? "");
    return lines;
  }

  private width(word: string): number {
    let w = this.widths.get(word);
    if (w === undefined) {
      // As pdfkit measures: each glyph's width plus the kerning to the next, in thousandths of an em.
      w = 0;
      for (let i = 0; i < word.length; i++) {
        const char = word.charCodeAt(i);
        w += this.code(char).width + (i + 1 < word.length ? this.kern(char, word.charCodeAt(i + 1)) : 0);
      }
      w /= 1000;
      remember(this.widths, word, w);
    }
    return w;
  }

  /** One line whose top is at `y` in pdfkit's (downward) page coordinates. */
  line(text: string, x: number, y: number, size: number): string {
    const baseline = A4.height - y - (this.font.ascender / 1000) * size;
    return `BT 1 0 0 1 ${num(x)} ${num(baseline)} Tm /${this.font.id} ${size} Tf ${this.show(text)} ET`;
  }
}

/** A standard font's metrics as pdfkit parsed them from its AFM file, kept for every later document. */
const parsedFonts = new Map<string, object>();

/**
 * pdfkit parses a standard font's AFM file anew for every document: 1.4 of the 2 ms of a one-page
 * PDF (an e-mail's attachment). A new document is given a font object of its own (its id and its
 * reference in this document) around the metrics parsed once.
 */
function reuseParsedFont(doc: DocInternals, name: string) {
  const parsed = parsedFonts.get(name) as
    | (FontInternals & { font: unknown; document: unknown; dictionary?: unknown; embedded?: boolean })
    | undefined;
  if (!parsed) return;
  const { dictionary: _dictionary, embedded: _embedded, ...metrics } = parsed;
  doc._fontFamilies[name] = Object.assign(Object.create(Object.getPrototypeOf(parsed)), metrics, {
    document: doc,
    id: `F${++doc._fontCount}`,
  });
}

function rememberParsedFont(doc: DocInternals, name: string) {
  if (parsedFonts.has(name)) return;
  // Without its document: a first PDF of 5,000 letters is not kept alive by the cache.
  const {
    document: _document,
    dictionary: _dictionary,
    embedded: _embedded,
    ...metrics
  } = doc._font as FontInternals & { document?: unknown; dictionary?: unknown; embedded?: boolean };
  parsedFonts.set(name, Object.assign(Object.create(Object.getPrototypeOf(doc._font)), metrics));
}

/**
 * Writes the letters into `out` as one PDF, a page each, as they come: a batch of thousands never
 * sits in memory. Resolves with the number of pages once `out` has received the whole file.
 */
export async function writeLettersPdf(
  letters: Iterable<Letter> | AsyncIterable<Letter>,
  out: Writable,
  info: { title: string; author: string },
): Promise<{ pages: number }> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: "A4",
    margin: MARGIN,
    compress: true,
    info: { Title: info.title, Author: info.author },
  });
  const finished = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
    doc.on("error", reject);
  });
  doc.pipe(out);
  const internals = doc as unknown as DocInternals;
  const fonts = Object.fromEntries(
    (["Helvetica", "Helvetica-Bold"] as const).map((name) => {
      reuseParsedFont(internals, name);
      doc.font(name);
      rememberParsedFont(internals, name);
      return [name, { font: internals._font, writer: new TextWriter(internals._font) }];
    }),
  ) as Record<"Helvetica" | "Helvetica-Bold", { font: FontInternals; writer: TextWriter }>;
  let pages = 0;
  const kids = internals._root.data.Pages.data.Kids;
  for await (const letter of letters) {
    doc.addPage();
    pages++;
    // pdfkit keeps every written page's objects for the page list it writes at the end, which
    // needs only their numbers: the last page but one is swapped for a bare reference.
    if (kids.length >= 2) {
      const written = kids[kids.length - 2];
      kids[kids.length - 2] = Object.assign(Object.create(Object.getPrototypeOf(written)), { id: written.id, gen: written.gen });
    }
    for (const { font } of Object.values(fonts)) internals.page.fonts[font.id] = font.ref();
    const mask = letter.qr ? qrImageMask(letter.qr) : null;
    const qrSize = mask ? qrPrintSize(mask.size) : 0;
    const content: string[] = [`q 1 0 0 -1 0 ${A4.height} cm`];
    let y = MARGIN;
    if (letter.head) {
      const { font, writer } = fonts.Helvetica;
      const bold = fonts["Helvetica-Bold"];
      const size = 10;
      const step = font.lineHeight(size, true);
      for (const [i, text] of letter.head.sender.entries())
        content.push((i === 0 ? bold.writer : writer).line(text, MARGIN, MARGIN + i * step, size));
      const date = letter.head.date;
      content.push(writer.line(date, A4.width - MARGIN - font.widthOfString(date, size), MARGIN, size));
      const recipientStep = font.lineHeight(size + 1, true) + 2;
      for (const [i, text] of letter.head.recipient.entries()) {
        content.push((i === 0 ? bold.writer : writer).line(text, RECIPIENT_X, RECIPIENT_Y + i * recipientStep, size + 1));
      }
      y = RECIPIENT_Y + Math.max(letter.head.recipient.length, 3) * step + 40;
    }
    const qrTop = y;
    const textWidth = A4.width - 2 * MARGIN - (mask ? qrSize + 16 : 0);
    for (const line of letter.lines) {
      const style = STYLE[line.style ?? "normal"];
      const { font, writer } = fonts[style.font];
      if (line.text === "") {
        y += style.size;
        continue;
      }
      for (const text of writer.breakLines(line.text, style.size, textWidth)) {
        content.push(writer.line(text, MARGIN, y, style.size));
        y += font.lineHeight(style.size, true);
      }
      y += style.gap;
    }
    content.push("Q");
    doc.addContent(content.join("\n"));
    if (mask) doc.addContent(qrContent(mask, A4.width - MARGIN - qrSize, qrTop, qrSize));
    while (doc.readableLength > HIGH_WATER) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  doc.end();
  await finished;
  return { pages };
}
