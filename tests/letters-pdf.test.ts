import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { randomBytes } from "node:crypto";
import jsQR from "jsqr";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { qrContent, qrPrintSize, writeLettersPdf, type Letter } from "@/lib/server/letters/letters-pdf";
import { TextWriter, type FontInternals } from "@/lib/server/letters/pdf-text";
import { qrImageMask } from "@/lib/server/letters/qr-matrix";
import { qrMatrix } from "@/lib/server/letters/qr-matrix";
import { decryptWithSecurityCode, qrPayload, qrSegments } from "@/lib/server/letters/qr-payload";

const input = {
  loginId: "lisa.boulanger",
  token: randomBytes(48).toString("hex").toUpperCase(),
  securityCode: "1234",
  espacesAddress: "https://ecole-annee-en-cours.pronote-campus.net/",
  espace: "eleve" as const,
};

/** Paints a QR content stream's inline image mask (hex rows, 0 = dark) into an RGBA bitmap. */
function rasterize(content: string, scale = 4) {
  const [, w, hex] = /BI \/W (\d+) .* ID ([0-9a-f]+)> EI/.exec(content)!;
  const n = Number(w);
  const rowBytes = Math.ceil(n / 8);
  const side = (n + 8) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const byte = parseInt(hex.slice((row * rowBytes + (col >> 3)) * 2, (row * rowBytes + (col >> 3)) * 2 + 2), 16);
      if ((byte >> (7 - (col & 7))) & 1) continue;
      for (let py = (row + 4) * scale; py < (row + 5) * scale; py++) {
        for (let px = (col + 4) * scale; px < (col + 5) * scale; px++) {
          const at = (py * side + px) * 4;
          pixels[at] = pixels[at + 1] = pixels[at + 2] = 0;
        }
      }
    }
  }
  return { pixels, width: side, height: side };
}

describe("Letters as PDF", () => {
  it("draws a QR code that decodes to the reference payload, and whose token decrypts with the code", () => {
    const image = rasterize(qrContent(qrSegments(input), 400, 56, 120));
    const read = jsQR(image.pixels, image.width, image.height);
    expect(read?.data).toBe(qrPayload(input));
    const payload = JSON.parse(read!.data);
    expect(decryptWithSecurityCode(payload.jeton, "1234")).toBe(input.token);
    expect(decryptWithSecurityCode(payload.login, "1234")).toBe("lisa.boulanger");
  });

  it("prints every module at 0.5 mm at least, a denser symbol larger, whatever the login's length", () => {
    const mm = (points: number) => (points / 72) * 25.4;
    for (let modules = 21; modules <= 177; modules += 4) {
      expect(mm(qrPrintSize(modules) / (modules + 8))).toBeGreaterThanOrEqual(0.5 - 1e-9);
      expect(qrPrintSize(modules)).toBeGreaterThanOrEqual(120);
    }
    const long = {
      ...input,
      loginId: "a".repeat(60),
      espacesAddress: `https://${"etablissement-".repeat(4)}tres-long.pronote-campus.net/eleves/`,
    };
    const { size } = qrImageMask(qrSegments(long));
    expect(size).toBeGreaterThan(qrImageMask(qrSegments(input)).size);
    expect(mm(qrPrintSize(size) / (size + 8))).toBeGreaterThanOrEqual(0.5 - 1e-9);
  });

  it("streams one page per letter, the QR code optional", async () => {
    const letter = (qr: boolean): Letter => ({
      lines: [
        { text: "Connexion à votre Espace Élèves", style: "title" },
        { text: "Identifiant : lisa.boulanger", style: "bold" },
        { text: "Un paragraphe assez long pour passer à la ligne ".repeat(6) },
      ],
      qr: qr ? qrSegments(input) : null,
    });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk) => chunks.push(chunk));
    const { pages } = await writeLettersPdf([letter(true), letter(false), letter(true)], out, { title: "Lettres", author: "test" });
    const pdf = Buffer.concat(chunks).toString("latin1");
    expect(pages).toBe(3);
    expect(pdf.startsWith("%PDF-1.")).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(3);
    expect(pdf.trimEnd().endsWith("%%EOF")).toBe(true);
  });

  it("writes text exactly as pdfkit's own layout would (WinAnsi codes, kerning), from cached words", () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    for (const name of ["Helvetica", "Helvetica-Bold"]) {
      doc.font(name);
      const font = (doc as unknown as { _font: FontInternals })._font;
      const writer = new TextWriter(font);
      const reference = (text: string) => {
        // pdfkit's _fragment: runs of codes, each closed by the kerning after its last glyph.
        const [encoded, positions] = font.encode(text);
        const commands: string[] = [];
        let last = 0;
        positions.forEach((pos, i) => {
          if (pos.xAdvance - pos.advanceWidth !== 0 || i === positions.length - 1) {
            commands.push(
              `<${encoded.slice(last, i + 1).join("")}> ${String(Math.round(-(pos.xAdvance - pos.advanceWidth) * 1000) / 1000)}`,
            );
            last = i + 1;
          }
        });
        return `[${commands.join(" ")}] TJ`;
      };
      for (const text of [
        "Connexion à l'Espace Élèves",
        "Bonjour Yves, Anne TAVERNIER",
        "AVANT  deux espaces, « guillemets » et l'œuvre — 12 € ",
        " Année Tout Voilà",
        "Identifiant : zoe.eleve000",
      ]) {
        expect(writer.show(text)).toBe(reference(text));
        expect(writer.show(text)).toBe(reference(text));
        const wide = font.widthOfString(text, 11);
        expect(writer.breakLines(text, 11, wide + 0.01)).toEqual([text]);
      }
    }
  });

  it("draws, module for module, the symbol the qrcode package draws (error correction M, mask 2)", () => {
    const cases = [
      [{ data: "HELLO", mode: "alphanumeric" as const }],
      [{ data: "é", mode: "byte" as const }],
      qrSegments(input),
      qrSegments({ ...input, espacesAddress: `https://${"a".repeat(600)}.fr/` }),
    ];
    for (let i = 0; i < 40; i++)
      cases.push(qrSegments({ ...input, loginId: `l${"x".repeat(i * 3)}`, token: randomBytes(48).toString("hex").toUpperCase() }));
    for (const segments of cases) {
      const typed = segments.map((s) => (s.mode === "byte" ? { mode: "byte" as const, data: Buffer.from(s.data) } : s));
      const reference = QRCode.create(typed, { errorCorrectionLevel: "M", maskPattern: 2 }).modules;
      const mine = qrMatrix(segments);
      expect(mine.size).toBe(reference.size);
      expect(Buffer.from(mine.modules).equals(Buffer.from(reference.data))).toBe(true);
    }
  });
});
