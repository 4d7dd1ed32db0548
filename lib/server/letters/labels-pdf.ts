import "server-only";
import type { Writable } from "node:stream";
import { PERSONALIZED_PASSWORD_LABEL } from "./compose-letters";
import type { LabelFormat } from "@/lib/schemas/letters";
import type { LetterRecipient } from "./letter-recipients";
import { a4DocumentTo } from "./letters-pdf";

const MM = 72 / 25.4;

/**
 * The standard A4 label sheets (millimetres): 3 × 8 labels of 70 × 37 (Avery 3474 and the like, no
 * margin at the sides) and 2 × 7 of 99.1 × 38.1 (Avery L7163). `left`/`top` place the first label,
 * `pitchX`/`pitchY` the next ones.
 */
export const LABEL_SHEETS: Record<
  LabelFormat,
  { columns: number; rows: number; width: number; height: number; left: number; top: number; pitchX: number; pitchY: number; name: string }
> = {
  "3x8": { columns: 3, rows: 8, width: 70, height: 37, left: 0, top: 0.5, pitchX: 70, pitchY: 37, name: "3 × 8 (70 × 37 mm)" },
  "2x7": {
    columns: 2,
    rows: 7,
    width: 99.1,
    height: 38.1,
    left: 4.65,
    top: 15.15,
    pitchX: 101.6,
    pitchY: 38.1,
    name: "2 × 7 (99,1 × 38,1 mm)",
  },
};

/** The model "Informations de connexion": who, his class, his login, his password, where to sign in — never a QR code. */
export function labelLines(r: LetterRecipient): { text: string; bold?: boolean }[] {
  return [
    { text: [r.civility, r.lastName.toLocaleUpperCase("fr"), r.firstName].filter(Boolean).join(" "), bold: true },
    ...(r.group ? [{ text: `Classe : ${r.group}` }] : []),
    { text: `Identifiant : ${r.loginId}` },
    {
      text: r.throughEnt
        ? "Mot de passe : celui de l'ENT"
        : r.provisionalPassword
          ? `Mot de passe provisoire : ${r.provisionalPassword}`
          : PERSONALIZED_PASSWORD_LABEL,
    },
    { text: r.espaceAddress },
  ];
}

/**
 * "Imprimer des étiquettes": the recipients' labels on sheets of `format`, page after page as they
 * come. Text only (pdfkit's own text layout: no QR code to draw, so no worker thread is needed —
 * 2,000 labels are 84 pages). A line too long for its label is set smaller rather than cut.
 */
export async function writeLabelsPdf(
  chunks: AsyncIterable<LetterRecipient[]>,
  out: Writable,
  format: LabelFormat,
  info: { title: string; author: string },
): Promise<{ labels: number }> {
  const sheet = LABEL_SHEETS[format];
  const { doc, finished } = a4DocumentTo(out, info, 0);
  const padding = 4 * MM;
  const width = sheet.width * MM - 2 * padding;
  let labels = 0;
  for await (const chunk of chunks) {
    for (const recipient of chunk) {
      const slot = labels % (sheet.columns * sheet.rows);
      if (slot === 0) doc.addPage();
      const x = (sheet.left + (slot % sheet.columns) * sheet.pitchX) * MM + padding;
      let y = (sheet.top + Math.floor(slot / sheet.columns) * sheet.pitchY) * MM + padding;
      for (const line of labelLines(recipient)) {
        doc.font(line.bold ? "Helvetica-Bold" : "Helvetica").fontSize(8.5);
        const natural = doc.widthOfString(line.text);
        if (natural > width) doc.fontSize(Math.max(5, (8.5 * width) / natural));
        doc.text(line.text, x, y, { lineBreak: false });
        y += 11;
      }
      labels++;
    }
    while (doc.readableLength > 1024 * 1024) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  doc.end();
  await finished;
  return { labels };
}
