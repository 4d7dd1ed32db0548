import { randomUUID } from "node:crypto";
import { PassThrough } from "node:stream";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { batchLabelRecipients, batchLetterChunks } from "@/lib/server/letters/batch-letters";
import { writeLabelsPdf } from "@/lib/server/letters/labels-pdf";
import { startLetterBatch } from "@/lib/server/letters/letter-batches";
import type { Letter } from "@/lib/server/letters/letters-pdf";
import { siecleSchool } from "./support/siecle-school";

const school = siecleSchool;

async function lettersOf(accountId: string, batchId: string) {
  const letters: Letter[] = [];
  for await (const chunk of batchLetterChunks({ accountId }, batchId)) letters.push(...chunk);
  return letters;
}

async function pdfText(bytes: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: "node_modules/pdfjs-dist/standard_fonts/" }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push((content.items as { str: string }[]).map((i) => i.str).join("\n"));
  }
  return pages;
}

describe("Letters by post: 'un courrier par adresse' and the window envelope", () => {
  it("sends 4,998 responsables at 2,499 addresses 2,499 letters, each naming both with their own login", { timeout: 180_000 }, async () => {
    const s = await school(2500);
    await db.hostingAccount.update({ where: { id: s.account.accountId }, data: { postalAddress: "" } });
    const { batchId, total } = await startLetterBatch(s.ctx, {
      requestKey: randomUUID(),
      population: "RESPONSABLES",
      modelId: s.model("Connexion des responsables"),
      output: "PDF",
      attachPdf: false,
      withQr: true,
      selection: { filter: {} },
      perHousehold: true,
      establishmentAddress: "12 avenue de la République\n75011 PARIS",
    });
    expect(total).toBe(4998);
    const start = performance.now();
    const letters = await lettersOf(s.account.accountId, batchId);
    console.log(
      `household letters: ${letters.length} letters for 4,998 responsables composed in ${(performance.now() - start).toFixed(0)} ms`,
    );
    expect(letters).toHaveLength(2499);
    const people = await db.espacePerson.findMany({ where: { accountId: s.account.accountId, population: "RESPONSABLES" } });
    const loginsAt = new Map<string, string[]>();
    for (const p of people) loginsAt.set(p.postalAddress, [...(loginsAt.get(p.postalAddress) ?? []), p.loginId]);
    for (const letter of letters) {
      // The window shows both parents above their common address, the sender his establishment's.
      const [first, second, street, city] = letter.head!.recipient;
      expect([first, second].sort()).toEqual([expect.stringMatching(/^M\. .* Benoît$/), expect.stringMatching(/^MME .* Hélène$/)]);
      expect(street).toMatch(/^\d+ rue de l'Église$/);
      expect(city).toBe("75011 PARIS");
      expect(letter.head!.sender.slice(1)).toEqual(["12 avenue de la République", "75011 PARIS"]);
      expect(letter.more).toHaveLength(1);
      const household = loginsAt.get(`${street}\n${city}`)!;
      expect(household).toHaveLength(2);
      const text = [...letter.lines, ...letter.more![0].lines].map((l) => l.text).join("\n");
      for (const login of household) expect(text).toContain(`Identifiant : ${login}`);
      // Each has his own QR code.
      expect(letter.qr).not.toBeNull();
      expect(letter.more![0].qr).not.toBeNull();
    }
    // The address typed in the dialog is kept for the next letters.
    expect((await db.hostingAccount.findUniqueOrThrow({ where: { id: s.account.accountId } })).postalAddress).toBe(
      "12 avenue de la République\n75011 PARIS",
    );
  });

  it("prints the labels 'Informations de connexion' on a 2 × 7 sheet, without a QR code", async () => {
    const s = await school(20);
    const { batchId, total } = await startLetterBatch(s.ctx, {
      requestKey: randomUUID(),
      population: "RESPONSABLES",
      modelId: s.model("Connexion des responsables"),
      output: "LABELS",
      attachPdf: false,
      withQr: true,
      selection: { filter: {} },
      labelFormat: "2x7",
    });
    expect(total).toBe(38);
    const batch = await db.letterBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect(batch).toMatchObject({ labelFormat: "2x7", withQr: false, modelName: "Informations de connexion" });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    const { labels } = await writeLabelsPdf(batchLabelRecipients({ accountId: s.account.accountId }, batchId), out, "2x7", {
      title: "t",
      author: "a",
    });
    expect(labels).toBe(38);
    const pages = await pdfText(Buffer.concat(chunks));
    expect(pages).toHaveLength(3); // 14 + 14 + 10
    const people = await db.espacePerson.findMany({ where: { accountId: s.account.accountId, population: "RESPONSABLES" } });
    for (const person of people) expect(pages.join("\n")).toContain(`Identifiant : ${person.loginId}`);
    expect(pages[0]).toContain("Mot de passe provisoire : ");
    // No token was issued: a label has no QR code to carry it.
    expect(await db.letterToken.count({ where: { accountId: s.account.accountId } })).toBe(0);
    expect(await db.letterBatch.findUniqueOrThrow({ where: { id: batchId } })).toMatchObject({ status: "DONE", sent: 38 });
  });
});
