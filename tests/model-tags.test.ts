import { describe, expect, it } from "vitest";
import { checkModel, mergeModel, type MergeValues } from "@/lib/letters/model-tags";
import { ORIGINAL_MODELS } from "@/lib/letters/original-models";

const STAFF_CONNECTION_MODEL = ORIGINAL_MODELS[0].text;

const values: MergeValues = {
  lastName: "BOULANGER",
  firstName: "Lisa",
  civility: "Mme",
  loginId: "lisa.boulanger",
  password: "Xk4m9PqT2w",
  securityCode: "0427",
  qrExpiry: "22 décembre 2026",
  espaceAddress: "https://ecole.pronote-campus.net/",
  espaceName: "Espace Personnels",
  establishment: "Lycée Victor Hugo",
  today: "22 novembre 2026",
};

describe("Letter models and their tags", () => {
  it("ships originals without a problem; staff have no QR code (their Espace is not in the mobile app)", () => {
    for (const model of ORIGINAL_MODELS) expect(checkModel(model.text)).toEqual([]);
    expect(ORIGINAL_MODELS.map((m) => [m.name, mergeModel(m.text, values).withQr])).toEqual([
      ["Connexion des personnels", false],
      ["Connexion des professeurs", true],
      ["Connexion des élèves", true],
      ["Connexion des responsables", true],
    ]);
  });

  it("merges the original model of Connexion des personnels", () => {
    const { lines } = mergeModel(STAFF_CONNECTION_MODEL, values);
    expect(lines[1]).toEqual({ text: "Connexion à votre Espace Personnels", style: "title" });
    expect(lines).toContainEqual({ text: "Identifiant : lisa.boulanger", style: "bold" });
    expect(mergeModel(ORIGINAL_MODELS[2].text, values).lines).toContainEqual({ text: "Code de sécurité : 0427", style: "bold" });
    expect(lines.map((l) => l.text).join("\n")).not.toMatch(/\[|\]/);
  });

  it("reads tags whatever their case, and [[ ]] as brackets", () => {
    expect(mergeModel("[nom] [PRÉNOM] [[sic]]", values).lines[0].text).toBe("BOULANGER Lisa [sic]");
  });

  it("shows unknown and malformed tags with their line, and never merges them", () => {
    const model = "Bonjour [Nome],\n[Identifiant\nfin]\n[QR code] ici";
    expect(checkModel(model)).toEqual([
      { line: 1, message: "Ligne 1 : balise inconnue [Nome]." },
      { line: 2, message: "Ligne 2 : crochet ouvrant sans crochet fermant." },
      { line: 3, message: "Ligne 3 : crochet fermant sans crochet ouvrant." },
      { line: 4, message: "Ligne 4 : la balise [QR code] doit être seule sur sa ligne." },
    ]);
    expect(() => mergeModel(model, values)).toThrow("Ligne 1 : balise inconnue [Nome].");
  });

  it("makes a letter without QR code from a model without the tag", () => {
    expect(mergeModel("Bonjour [Prénom]", values)).toEqual({ lines: [{ text: "Bonjour Lisa", style: "normal" }], withQr: false });
  });

  it("leaves out the QR code's paragraph for a letter sans QR code (hand delivery)", () => {
    const model = "Bonjour [Prénom]\n\n[QR code]\nFlashez le QR code.\n* Code de sécurité : [Code de sécurité]\n\nFin";
    const withQr = mergeModel(model, values);
    expect(withQr.withQr).toBe(true);
    expect(withQr.lines.map((l) => l.text)).toEqual(["Bonjour Lisa", "", "Flashez le QR code.", "Code de sécurité : 0427", "", "Fin"]);
    const without = mergeModel(model, values, { qr: false });
    expect(without).toEqual({
      lines: [
        { text: "Bonjour Lisa", style: "normal" },
        { text: "", style: "normal" },
        { text: "", style: "normal" },
        { text: "Fin", style: "normal" },
      ],
      withQr: false,
    });
    expect(JSON.stringify(mergeModel(ORIGINAL_MODELS[2].text, values, { qr: false }))).not.toContain("0427");
  });
});

describe("Dates in letters", () => {
  it("write the first of a month as French does: 1er janvier", async () => {
    const { dateFr } = await import("@/lib/letters/dates");
    // Noon UTC: the same day in Paris.
    expect(dateFr(new Date("2027-01-01T12:00:00Z"))).toBe("1er janvier 2027");
    expect(dateFr(new Date("2026-12-22T12:00:00Z"))).toBe("22 décembre 2026");
    expect(dateFr(new Date("2026-12-11T12:00:00Z"))).toBe("11 décembre 2026");
  });

  it("prints a line opened by [Si provisoire] or [Si personnalisé] for that state of the password only", () => {
    const model = "[Si provisoire]Choisissez un mot de passe.\n[Si personnalisé]Gardez le vôtre.\nFin";
    const values = {
      lastName: "",
      firstName: "",
      civility: "",
      loginId: "",
      password: "",
      securityCode: "",
      qrExpiry: "",
      espaceAddress: "",
      espaceName: "",
      establishment: "",
      today: "",
    };
    expect(mergeModel(model, values, { qr: false, personalized: false }).lines.map((l) => l.text)).toEqual([
      "Choisissez un mot de passe.",
      "Fin",
    ]);
    expect(mergeModel(model, values, { qr: false, personalized: true }).lines.map((l) => l.text)).toEqual(["Gardez le vôtre.", "Fin"]);
    expect(checkModel("Bonjour [Si provisoire]")).toEqual([
      { line: 1, message: "Ligne 1 : les balises [Si provisoire], [Si personnalisé] et [Si ENT] se placent en début de ligne." },
    ]);
    expect(checkModel("Bonjour [Si ENT]")).toHaveLength(1);
  });

  it("prints the [Si ENT] lines, and no password line, for a person who signs in through the ENT", () => {
    const model = "[Si provisoire]Mot de passe : [Mot de passe]\n[Si personnalisé]Gardez le vôtre.\n[Si ENT]Connectez-vous par l'ENT.\nFin";
    const values = Object.fromEntries(
      [
        "lastName",
        "firstName",
        "civility",
        "loginId",
        "password",
        "securityCode",
        "qrExpiry",
        "espaceAddress",
        "espaceName",
        "establishment",
        "today",
      ].map((k) => [k, "x"]),
    ) as Parameters<typeof mergeModel>[1];
    for (const personalized of [false, true]) {
      expect(mergeModel(model, values, { qr: false, personalized, ent: true }).lines.map((l) => l.text)).toEqual([
        "Connectez-vous par l'ENT.",
        "Fin",
      ]);
    }
    expect(mergeModel(model, values, { qr: false, personalized: false }).lines.map((l) => l.text)).toEqual(["Mot de passe : x", "Fin"]);
  });
});
