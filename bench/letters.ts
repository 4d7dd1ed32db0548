// Benchmark (not a test): 5,000 connection letters with QR codes as one PDF, streamed, against a
// naive baseline (a PNG QR code per letter, the whole PDF built in memory). Each variant runs in
// its own process so that peak memory is its own. Run: npm run bench:letters [-- COUNT]
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdirSync, statSync, writeFileSync } from "node:fs";
import { randomBytes, randomInt } from "node:crypto";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { writeLettersPdf, type Letter } from "@/lib/server/letters/letters-pdf";
import { qrPayload, qrSegments } from "@/lib/server/letters/qr-payload";
import { usage } from "../scripts/usage.mjs";

usage("npm run bench:letters [-- COUNT] : COUNT courriers (5 000) avec QR code en un PDF, en flux, contre une version naïve.");
const COUNT = Number(process.argv[3] ?? process.argv[2] ?? 5000);
const DIR = ".data/bench";

/** What a merge produces for one student: fresh token and security code, the model's lines. */
function* letters(count: number): Generator<Letter & { payload: () => string }> {
  for (let i = 0; i < count; i++) {
    const input = {
      loginId: `eleve.${i}`,
      token: randomBytes(48).toString("hex").toUpperCase(),
      securityCode: String(randomInt(0, 10_000)).padStart(4, "0"),
      espacesAddress: "https://ecole-annee-en-cours.pronote-campus.net/",
      espace: "eleve" as const,
    };
    yield {
      lines: [
        { text: "Lycée du banc d'essai", style: "bold" },
        { text: "Connexion à l'Espace Élèves", style: "title" },
        { text: `Bonjour Prénom${i} NOM${i},` },
        { text: "Voici vos informations de connexion à l'Espace Élèves. Conservez ce courrier." },
        { text: `Identifiant : ${input.loginId}`, style: "bold" },
        { text: `Mot de passe provisoire : ${randomBytes(6).toString("base64url")}`, style: "bold" },
        { text: `Adresse : ${input.espacesAddress}` },
        { text: "" },
        {
          text: "Application mobile : installez l'application, ajoutez un compte, flashez le QR code puis saisissez le code de sécurité ; vous personnaliserez ensuite votre mot de passe.",
        },
        { text: `Code de sécurité : ${input.securityCode}`, style: "bold" },
        { text: "Ce QR code est valable jusqu'au 22 décembre 2026 et ne sert qu'une fois." },
      ],
      qr: qrSegments(input),
      payload: () => qrPayload(input),
    };
  }
}

async function streaming(file: string) {
  await writeLettersPdf(letters(COUNT), createWriteStream(file), { title: "Lettres", author: "bench" });
}

/** The obvious way: every line through the text layout, a PNG per QR code, the file in memory. */
async function naive(file: string) {
  const doc = new PDFDocument({ autoFirstPage: false, size: "A4", margin: 56 });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => doc.on("end", resolve));
  for (const letter of letters(COUNT)) {
    doc.addPage();
    for (const line of letter.lines) {
      doc.font(line.style === "normal" || !line.style ? "Helvetica" : "Helvetica-Bold").fontSize(line.style === "title" ? 15 : 11);
      doc.text(line.text || " ", { width: 340 });
    }
    doc.image(await QRCode.toBuffer(letter.payload()), 419, 56, { width: 120 });
  }
  doc.end();
  await done;
  writeFileSync(file, Buffer.concat(chunks));
}

const variant = process.argv[2];
if (variant === "streaming" || variant === "naive") {
  const file = `${DIR}/letters-${variant}.pdf`;
  const start = performance.now();
  await (variant === "streaming" ? streaming(file) : naive(file));
  const seconds = (performance.now() - start) / 1000;
  const result = {
    variant,
    seconds,
    perSecond: COUNT / seconds,
    peakMB: process.resourceUsage().maxRSS / 1024,
    fileMB: statSync(file).size / 1024 / 1024,
  };
  process.stdout.write(JSON.stringify(result));
} else {
  mkdirSync(DIR, { recursive: true });
  const run = (name: string) =>
    JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "bench/letters.ts", name, String(COUNT)], { encoding: "utf8" })) as {
      variant: string;
      seconds: number;
      perSecond: number;
      peakMB: number;
      fileMB: number;
    };
  const results = [run("streaming"), run("naive")];
  console.log(`${COUNT} letters with QR codes, one PDF`);
  for (const r of results) {
    console.log(
      `${r.variant.padEnd(10)} ${r.seconds.toFixed(2).padStart(7)} s  ${Math.round(r.perSecond).toString().padStart(6)} letters/s  peak ${Math.round(r.peakMB)} MB  file ${r.fileMB.toFixed(1)} MB`,
    );
  }
  const [s, n] = results;
  console.log(
    `streaming vs naive: ${(s.perSecond / n.perSecond).toFixed(1)}× faster, ${(n.peakMB / s.peakMB).toFixed(1)}× less peak memory`,
  );
}
