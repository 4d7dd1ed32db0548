import PDFDocument from "pdfkit";
import QRCode, { type QRCodeSegment } from "qrcode";
import type { Writable } from "node:stream";
import type { QrSegment } from "./qr-payload";

/** One merged letter: its lines, already free of tags, and the QR code's segments (or none). */
export type LetterLine = { text: string; style?: "title" | "bold" | "normal" };
export type Letter = { lines: LetterLine[]; qr: QrSegment[] | null };

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const QR_SIZE = 120; // points, about 42 mm: flashed easily from a printed page
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
export function qrModules(segments: QrSegment[]) {
  const typed: QRCodeSegment[] = segments.map((segment) =>
    segment.mode === "byte" ? { mode: "byte", data: Buffer.from(segment.data, "utf8") } : segment,
  );
  const { modules } = QRCode.create(typed, { errorCorrectionLevel: "M", maskPattern: 2 });
  return { size: modules.size, dark: (row: number, col: number) => modules.data[row * modules.size + col] === 1 };
}

export function qrContent(segments: QrSegment[], x: number, y: number, size: number): string {
  const { size: n, dark } = qrModules(segments);
  const quiet = 4;
  const unit = size / (n + 2 * quiet);
  const rowBytes = Math.ceil(n / 8);
  let hex = "";
  for (let row = 0; row < n; row++) {
    for (let byte = 0; byte < rowBytes; byte++) {
      let bits = 0;
      for (let bit = 0; bit < 8; bit++) {
        const col = byte * 8 + bit;
        // In an image mask a 0 paints: dark modules are the zeros.
        bits = (bits << 1) | (col < n && dark(row, col) ? 0 : 1);
      }
      hex += bits.toString(16).padStart(2, "0");
    }
  }
  const side = n * unit;
  const left = x + quiet * unit;
  const top = y + quiet * unit;
  // pdfkit's pages count y downwards; an image's first row belongs at the top of its square.
  return `q 1 1 1 rg ${x} ${y} ${size} ${size} re f 0 0 0 rg ${side} 0 0 ${-side} ${left} ${top + side} cm BI /W ${n} /H ${n} /IM true /BPC 1 /F /AHx /Interpolate false ID ${hex}> EI Q`;
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
  const doc = new PDFDocument({ autoFirstPage: false, size: "A4", margin: MARGIN, compress: true, info: { Title: info.title, Author: info.author } });
  const finished = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
    doc.on("error", reject);
  });
  doc.pipe(out);
  // A model's fixed sentences come back in every letter: break them into lines once.
  const broken = new Map<string, string[]>();
  const breakLines = (text: string, font: string, size: number, width: number): string[] => {
    const key = `${font}|${size}|${width}|${text}`;
    const cached = broken.get(key);
    if (cached) return cached;
    const lines: string[] = [];
    let current = "";
    for (const word of text.split(" ")) {
      const candidate = current ? `${current} ${word}` : word;
      if (current && doc.widthOfString(candidate) > width) {
        lines.push(current);
        current = word;
      } else {
        current = candidate;
      }
    }
    lines.push(current);
    if (broken.size < 10_000) broken.set(key, lines);
    return lines;
  };
  let pages = 0;
  for await (const letter of letters) {
    doc.addPage();
    pages++;
    const textWidth = A4.width - 2 * MARGIN - (letter.qr ? QR_SIZE + 16 : 0);
    let y = MARGIN;
    for (const line of letter.lines) {
      const style = STYLE[line.style ?? "normal"];
      doc.font(style.font).fontSize(style.size);
      if (line.text === "") {
        y += style.size;
        continue;
      }
      for (const text of breakLines(line.text, style.font, style.size, textWidth)) {
        doc.text(text, MARGIN, y, { lineBreak: false });
        y += doc.currentLineHeight(true);
      }
      y += style.gap;
    }
    if (letter.qr) doc.addContent(qrContent(letter.qr, A4.width - MARGIN - QR_SIZE, MARGIN, QR_SIZE));
    while (doc.readableLength > HIGH_WATER) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  doc.end();
  await finished;
  return { pages };
}
