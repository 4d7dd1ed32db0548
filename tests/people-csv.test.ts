import { describe, expect, it } from "vitest";
import { analysePeopleCsv, decodeCsv, guessMapping, loginFor, parseCsv } from "@/lib/server/people/csv-import";
import { loginIdSchema } from "@/lib/schemas/user";

const csv = (text: string, encoding: BufferEncoding = "utf8") => Buffer.from(text, encoding);
const none = new Set<string>();

describe("Recipients from a CSV file", () => {
  it("reads UTF-8 with BOM and Excel's Windows-1252, and refuses UTF-16 or binary", () => {
    expect(decodeCsv(csv("\uFEFFNom;Prénom\nÉlodie;Zoé"))).toEqual({ text: "Nom;Prénom\nÉlodie;Zoé", encoding: "UTF-8" });
    expect(decodeCsv(Buffer.from([0x4e, 0x6f, 0x6d, 0x0a, 0xc9, 0x6c, 0x6f, 0x64, 0x69, 0x65]))).toEqual({
      text: "Nom\nÉlodie",
      encoding: "Windows-1252",
    });
    expect(() => decodeCsv(Buffer.from("\uFEFFNom", "utf16le"))).toThrow(/UTF-16 ou binaire/);
    expect(() => decodeCsv(Buffer.alloc(0))).toThrow("Le fichier est vide.");
  });

  it("keeps every letter of a Windows-1252 file as Excel saved it: œ, Œ, ’, € and every French accent", () => {
    // Written byte for byte as Excel's "CSV (séparateur : point-virgule)" does: 0x9C œ, 0x8C Œ, 0x92 ’, 0x80 €.
    const text = "Nom;Prénom;Classe\r\nCœur;Œdipe;3ᵉ\r\nL’Haÿ;Jérôme;Terminale €\r\nÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸàâäçéèêëîïôöùûüÿæÆ;Zoé;6A\r\n".replace(
      "ᵉ",
      "e",
    );
    const bytes = Buffer.from([...text].map((c) => ({ œ: 0x9c, Œ: 0x8c, "’": 0x92, "€": 0x80, Ÿ: 0x9f })[c] ?? c.charCodeAt(0)));
    expect(bytes.every((b) => b < 0x100)).toBe(true);
    const { text: decoded, encoding } = decodeCsv(bytes);
    expect(encoding).toBe("Windows-1252");
    expect(decoded).toBe(text);
    const report = analysePeopleCsv(bytes, { existingLoginKeys: new Set() });
    // No control character survives, and the logins made up from the names stay readable ASCII.
    expect(decoded).not.toMatch(/[\u0080-\u009f]/);
    expect(report.accepted.map((r) => [r.lastName, r.firstName, r.group, r.loginId])).toEqual([
      ["Cœur", "Œdipe", "3e", "oedipe.coeur"],
      ["L’Haÿ", "Jérôme", "Terminale €", "jerome.l-hay"],
      ["ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸàâäçéèêëîïôöùûüÿæÆ", "Zoé", "6A", "zoe.aaaceeeeiioouuuyaaaceeeeiioouuuyaeae"],
    ]);
  });

  it("parses quotes, separators and line ends as spreadsheets write them", () => {
    expect(parseCsv('Nom,Prénom\r\n"Dupont, fils","Jean ""Jo"""\r\n\r\n')).toEqual([
      ["Nom", "Prénom"],
      ["Dupont, fils", 'Jean "Jo"'],
    ]);
    expect(parseCsv("Nom;Prénom\nMartin;Léa")[1]).toEqual(["Martin", "Léa"]);
    // A cell across two lines, a quote inside an unquoted cell, a short row: as typed, for the report.
    expect(parseCsv('Nom\tPrénom\tClasse\n"Le\nGall"\tAnne\t6A\nO"Neil\tSeán\n;;\n')).toEqual([
      ["Nom", "Prénom", "Classe"],
      ["Le\nGall", "Anne", "6A"],
      ['O"Neil', "Seán"],
      [";;"],
    ]);
    // A quote opened and never closed: refused, with where.
    expect(() => parseCsv('Nom;Prénom\nMartin;Léa\n"Durand;Zoé\nPetit;Jean\n')).toThrow(
      /Le fichier CSV est mal formé vers la ligne \d : un guillemet ouvert n'est jamais fermé/,
    );
    expect(guessMapping(["Classe", "NOM", "Prénoms", "E-mail"])).toEqual({
      lastName: 1,
      firstName: 2,
      loginId: null,
      email: 3,
      civility: null,
      group: 0,
    });
    expect(loginFor("Zoé-Marie", "Le Gall")).toBe("zoe-marie.le-gall");
  });

  it("imports 200 students, generating unique ASCII logins", () => {
    const lines = ["Nom;Prénom;Classe"];
    for (let i = 0; i < 200; i++) lines.push(`Élève${i % 150};Zoé;${i < 150 ? "2A" : "2B"}`);
    const report = analysePeopleCsv(csv(lines.join("\n")), { existingLoginKeys: new Set(["zoe.eleve0"]) });
    expect(report.refused).toEqual([]);
    expect(report.accepted).toHaveLength(200);
    expect(report.accepted[0].loginId).toBe("zoe.eleve02");
    expect(new Set(report.accepted.map((r) => r.loginId)).size).toBe(200);
    expect(report.accepted.every((r) => /^[\x21-\x7e]+$/.test(r.loginId))).toBe(true);
  });

  it("reports every refused row with its reasons", () => {
    const report = analysePeopleCsv(
      csv(
        [
          "Nom;Prénom;Identifiant;E-mail",
          "Martin;Léa;lmartin;lea@ecole.fr",
          '=HYPERLINK("http://x");Paul;pdurand;',
          "Durand;;;",
          "Petit;Jean;lmartin;",
          "Roux;Ana;ana roux;ana@",
          "Martin;Léa;lmartin2;",
          "Blanc;Luc;existant;",
          "Court;Eve",
        ].join("\n"),
      ),
      { existingLoginKeys: new Set(["existant"]) },
    );
    expect(report.accepted.map((r) => r.loginId)).toEqual(["lmartin"]);
    expect(report.refused).toEqual([
      { line: 3, reasons: ['Nom commence comme une formule de tableur (« =HYPERLINK("http://x »)'] },
      { line: 4, reasons: ["Prénom manquant"] },
      { line: 5, reasons: ["identifiant lmartin déjà pris ligne 2"] },
      {
        line: 6,
        reasons: [
          "adresse e-mail invalide (« ana@ »)",
          "identifiant : lettres sans accent, chiffres et . _ @ - seulement (le QR code exige des caractères simples)",
        ],
      },
      { line: 7, reasons: ["doublon de la ligne 2"] },
      { line: 8, reasons: ["identifiant existant déjà utilisé dans l'établissement"] },
      { line: 9, reasons: ["2 colonnes au lieu de 4"] },
    ]);
  });

  it("applies to imported people the login rule of the controller's users", () => {
    for (const login of ["zoé.lefèvre", "o'neil", "ana roux", "a".repeat(61)]) {
      expect(loginIdSchema.safeParse(login).success, login).toBe(false);
      const report = analysePeopleCsv(csv(["Nom;Prénom;Identifiant", `Nom;Prénom;${login}`].join("\n")), { existingLoginKeys: new Set() });
      expect(report.accepted, login).toEqual([]);
    }
    for (const login of ["zoe.lefevre", "z_lefevre-2@lycee", "ZL.2026"]) {
      expect(loginIdSchema.safeParse(login).success, login).toBe(true);
      expect(
        analysePeopleCsv(csv(["Nom;Prénom;Identifiant", `Nom;Prénom;${login}`].join("\n")), { existingLoginKeys: new Set() }).accepted.map(
          (r) => r.loginId,
        ),
      ).toEqual([login]);
    }
  });

  it("refuses a file without the required columns", () => {
    expect(() => analysePeopleCsv(csv("Identifiant;Classe\nx;2A"), { existingLoginKeys: none })).toThrow(
      "Colonne manquante : Nom, Prénom. Associez une colonne du fichier à chaque champ obligatoire.",
    );
  });
});

describe("Importing the accepted rows", async () => {
  const { db } = await import("@/lib/db");
  const { importPeople } = await import("@/lib/server/people/import-people");
  const { newAccount } = await import("./support/fixtures");
  const { decryptProvisional } = await import("@/lib/server/security/provisional");
  const firstPlanning = async (accountId: string) => (await db.planning.findFirstOrThrow({ where: { accountId } })).id;

  it("imports 200 students in one go, each with a provisional password, and reports the refused rows", async () => {
    const { accountId } = await newAccount();
    const ctx = { accountId, actor: "responsable", ip: "127.0.0.1" };
    const planningId = await firstPlanning(accountId);
    const lines = ["Nom;Prénom;Classe", ...Array.from({ length: 200 }, (_, i) => `Nom${i};Zoé;2A`), "=1+1;X;2A"];
    const result = await importPeople(ctx, { population: "ELEVES", planningId, bytes: Buffer.from(lines.join("\n")) });
    expect(result).toMatchObject({ imported: 200, refused: [{ line: 202 }], encoding: "UTF-8" });
    const people = await db.espacePerson.findMany({ where: { accountId }, omit: { provisionalPasswordEnc: false } });
    expect(people).toHaveLength(200);
    expect(decryptProvisional(people[0].provisionalPasswordEnc!)).toMatch(/^\S{10,}$/);
    expect(new Set(people.map((p) => p.planningId))).toEqual(new Set([planningId]));
    // The same file again: every student is already there, nobody is added twice.
    const again = await importPeople(ctx, { population: "ELEVES", planningId, bytes: Buffer.from(lines.join("\n")) });
    expect(again.imported).toBe(0);
    expect(again.refused[0]).toEqual({ line: 2, reasons: ["déjà importé(e) dans cette population"] });
    expect(await db.espacePerson.count({ where: { accountId } })).toBe(200);
  });

  it("changes nothing when two imports of the same explicit logins race", async () => {
    const { accountId } = await newAccount();
    const ctx = { accountId, actor: "responsable", ip: "127.0.0.1" };
    const planningId = await firstPlanning(accountId);
    const file = Buffer.from(["Nom;Prénom;Identifiant", ...Array.from({ length: 50 }, (_, i) => `N${i};P;login${i}`)].join("\n"));
    const results = await Promise.allSettled([1, 2].map(() => importPeople(ctx, { population: "PROFESSEURS", planningId, bytes: file })));
    const count = await db.espacePerson.count({ where: { accountId } });
    expect(count).toBe(50);
    expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    // The one that lost the race says so in French.
    for (const result of results) {
      if (result.status === "rejected") expect(String(result.reason)).toMatch(/Un autre import vient d'ajouter|déjà utilisé/);
    }
  });

  it("attaches people to an Espace of the account that publishes, nothing else", async () => {
    const { accountId } = await newAccount();
    const other = await newAccount();
    const ctx = { accountId, actor: "responsable", ip: "127.0.0.1" };
    const bytes = Buffer.from("Nom;Prénom\nDurand;Léa");
    const foreign = await firstPlanning(other.accountId);
    await expect(importPeople(ctx, { population: "ELEVES", planningId: foreign, bytes })).rejects.toThrow("Élément introuvable");
    const planningId = await firstPlanning(accountId);
    await db.planning.update({ where: { id: planningId }, data: { netLicence: false } });
    await expect(importPeople(ctx, { population: "ELEVES", planningId, bytes })).rejects.toThrow("n'a pas de licence .net");
    expect(await db.espacePerson.count({ where: { accountId } })).toBe(0);
  });
});
