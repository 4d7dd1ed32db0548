import PDFDocument from "pdfkit";
import type { Writable } from "node:stream";
import type { QrSegment } from "./qr-payload";
import { qrImageMask } from "./qr-matrix";
import { A4, type DocInternals, type FontInternals, rememberParsedFont, reuseParsedFont, TextWriter } from "./pdf-text";

/** One merged letter: its lines, already free of tags, and the QR code's segments (or none). */
export type LetterLine = { text: string; style?: "title" | "bold" | "normal" };
/**
 * The head of a letter a school posts: who sends it (the establishment) on the left, the date on
 * the right, then the recipient's block where a window envelope shows it.
 */
export type LetterHead = {
  sender: string[];
  date: string;
  recipient: string[];
  /** The recipient's lines set in bold: the names (one, or each person of a household). */
  names?: number;
};
export type Letter = {
  lines: LetterLine[];
  qr: QrSegment[] | null;
  head?: LetterHead;
  /** The other persons of a household's letter, each on a page of his own after the first. */
  more?: { lines: LetterLine[]; qr: QrSegment[] | null }[];
};

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

/** An A4 PDF piped into `out`, pages added by the caller; `finished` once `out` has the whole file. */
export function a4DocumentTo(out: Writable, info: { title: string; author: string }, margin: number) {
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: "A4",
    margin,
    compress: true,
    info: { Title: info.title, Author: info.author },
  });
  const finished = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
    doc.on("error", reject);
  });
  doc.pipe(out);
  return { doc, finished };
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
  const { doc, finished } = a4DocumentTo(out, info, MARGIN);
  const internals = doc as unknown as DocInternals;
  const fonts = Object.fromEntries(
    (["Helvetica", "Helvetica-Bold"] as const).map((name) => {
      reuseParsedFont(internals, name);
      doc.font(name);
      rememberParsedFont(internals, name);
      return [name, { font: internals._font, writer: new TextWriter(internals._font) }];
    }),
  ) as Fonts;
  let pages = 0;
  const kids = internals._root.data.Pages.data.Kids;
  for await (const letter of letters) {
    for (const page of [letter, ...(letter.more ?? [])] as Letter[]) {
      doc.addPage();
      pages++;
      // pdfkit keeps every written page's objects for the page list it writes at the end, which
      // needs only their numbers: the last page but one is swapped for a bare reference.
      if (kids.length >= 2) {
        const written = kids[kids.length - 2];
        kids[kids.length - 2] = Object.assign(Object.create(Object.getPrototypeOf(written)), { id: written.id, gen: written.gen });
      }
      for (const { font } of Object.values(fonts)) internals.page.fonts[font.id] = font.ref();
      writePage(doc, fonts, page);
      while (doc.readableLength > HIGH_WATER) await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
  doc.end();
  await finished;
  return { pages };
}

type Fonts = Record<"Helvetica" | "Helvetica-Bold", { font: FontInternals; writer: TextWriter }>;

/** One page: the head if the letter has one, its lines, its QR code beside them. */
function writePage(doc: PDFKit.PDFDocument, fonts: Fonts, letter: Pick<Letter, "lines" | "qr" | "head">) {
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
      content.push(
        (i < (letter.head.names ?? 1) ? bold.writer : writer).line(text, RECIPIENT_X, RECIPIENT_Y + i * recipientStep, size + 1),
      );
    }
    y = RECIPIENT_Y + Math.max(letter.head.recipient.length, 3) * recipientStep + 32;
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
}
