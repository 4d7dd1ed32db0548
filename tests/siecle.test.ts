import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readSieclePupils, readSiecleResponsables } from "@/lib/server/siecle/siecle-files";
import { isOtherYear, planSiecleImport } from "@/lib/server/siecle/siecle-plan";
import { schoolYearAt } from "@/lib/school-calendar";
import { readStsFile } from "@/lib/server/siecle/sts-file";
import { MAX_XML_BYTES, xmlOfUpload } from "@/lib/server/siecle/xml-upload";
import { pupilName, sieclePupilsXml, siecleResponsablesXml, stsXml, UAI } from "./support/siecle";
import { watched } from "./support/event-loop";

const DECEMBER_2026 = new Date("2026-12-02T10:00:00Z");

async function pupilsOf(xml: Buffer, name = "ElevesSansAdresses.xml") {
  const file = await xmlOfUpload(xml, name);
  return readSieclePupils(file.xml, file.name);
}

describe("SIECLE: a lycée's export", () => {
  it("reads 3,000 pupils and 6,299 responsables with their classes, levels and addresses, accents kept", async () => {
    const start = performance.now();
    const pupils = await pupilsOf(sieclePupilsXml(3000, { left: new Set([5, 6]) }));
    const responsables = await readSiecleResponsables(siecleResponsablesXml(3000), "ResponsablesAvecAdresses.xml");
    const plan = planSiecleImport(pupils, responsables, { uai: UAI, today: DECEMBER_2026 });
    console.log(
      `SIECLE: 3,000 pupils and ${responsables.persons.length} persons read and planned in ${(performance.now() - start).toFixed(0)} ms`,
    );

    expect(pupils).toMatchObject({ uaj: UAI, schoolYear: "2026", exportDate: "02/12/2026" });
    expect(plan.pupils).toHaveLength(2998);
    expect(plan.leftPupils).toBe(2);
    expect(plan.otherYear).toBe(false);
    // Padding trimmed, every accent and apostrophe as typed, the division and not the group.
    expect(plan.pupils[0]).toMatchObject({ eleveId: "100000", ...pupilName(0), lastName: "D'Artagnan0", className: "6A" });
    expect(plan.pupils.find((p) => p.eleveId === "100003")).toMatchObject({ lastName: "Œillet3", firstName: "Françoise" });
    expect(plan.pupils.find((p) => p.eleveId === "102999")?.className).toBe("10T");

    // Legal responsables only: 5,998 parents (pupils 0 and 1 share theirs) less the 4 of pupils 5 and 6,
    // who left; the 300 contacts, those 4 and the lone person set aside.
    expect(responsables.persons).toHaveLength(6299);
    expect(plan.responsables).toHaveLength(5994);
    expect(plan.skipped).toEqual({ notLegal: 300, withoutCurrentPupil: 5 });
    const mother = plan.responsables.find((r) => r.personneId === "500000")!;
    expect(mother).toMatchObject({
      lastName: "D'Artagnan0",
      firstName: "Hélène",
      civility: "MME",
      email: "p500000@famille.test",
      acceptsSms: false,
    });
    expect(mother.pupils).toEqual([
      { eleveId: "100000", level: 1, relationship: "10" },
      { eleveId: "100001", level: 1, relationship: "10" },
    ]);
    expect(mother.address).toEqual({ lines: ["0 rue de l'Église"], postalCode: "75011", city: "PARIS", country: "FRANCE" });
    expect(plan.problems).toEqual([]);
  });

  it("sets aside, as pupils who left, those whose only division is SIECLE's « Inactifs »", async () => {
    const pupils = await pupilsOf(sieclePupilsXml(40, { inactive: new Set([3, 4]), left: new Set([7]) }));
    const plan = planSiecleImport(pupils, null, { uai: UAI, today: DECEMBER_2026 });
    expect(plan.leftPupils).toBe(3);
    expect(plan.pupils.map((p) => p.eleveId)).not.toContain("100003");
    expect(plan.pupils.some((p) => p.className.toLowerCase() === "inactifs")).toBe(false);
    // A real class beside « INACTIFS » is the pupil's class: he stays.
    const both = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><BEE_ELEVES><PARAMETRES><UAJ>${UAI}</UAJ><ANNEE_SCOLAIRE>2026</ANNEE_SCOLAIRE></PARAMETRES><DONNEES><ELEVES><ELEVE ELEVE_ID="7"><NOM_DE_FAMILLE>Roux</NOM_DE_FAMILLE><PRENOM>Ana</PRENOM></ELEVE></ELEVES><STRUCTURES><STRUCTURES_ELEVE ELEVE_ID="7"><STRUCTURE><CODE_STRUCTURE>INACTIFS</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE><STRUCTURE><CODE_STRUCTURE>4B</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE></STRUCTURES_ELEVE></STRUCTURES></DONNEES></BEE_ELEVES>`,
    );
    const kept = await readSieclePupils(both, "ElevesSansAdresses.xml");
    expect(kept.pupils).toMatchObject([{ eleveId: "7", className: "4B", left: false }]);
  });

  it("keeps the other responsables on request, and leaves out those of pupils who left", async () => {
    const pupils = await pupilsOf(sieclePupilsXml(20, { left: new Set([0, 1]) }));
    const responsables = await readSiecleResponsables(siecleResponsablesXml(20), "ResponsablesAvecAdresses.xml");
    const plan = planSiecleImport(pupils, responsables, { uai: UAI, otherResponsables: true, today: DECEMBER_2026 });
    // Pupils 0 and 1 (brothers) left: their parents and pupil 0's contact are not current responsables.
    expect(plan.responsables.map((r) => r.personneId)).not.toContain("500000");
    expect(plan.responsables.find((r) => r.personneId === "700010")?.pupils).toEqual([{ eleveId: "100010", level: 3, relationship: "39" }]);
    expect(plan.skipped).toEqual({ notLegal: 0, withoutCurrentPupil: 4 });
  });

  it("reports the same pupil twice and a pupil linked to a missing responsable, and imports the rest", async () => {
    const pupils = await pupilsOf(sieclePupilsXml(10, { duplicate: 3 }));
    const responsables = await readSiecleResponsables(siecleResponsablesXml(10, { missingPerson: 4 }), "ResponsablesAvecAdresses.xml");
    const plan = planSiecleImport(pupils, responsables, { uai: UAI, today: DECEMBER_2026 });
    expect(plan.pupils).toHaveLength(10);
    expect(plan.problems).toEqual([
      "L'élève 100003 (Œillet3 Françoise) apparaît deux fois : seule sa première fiche est gardée.",
      "L'élève 100004 est lié à la personne 999999, absente du fichier des responsables.",
    ]);
  });

  it("refuses another school's file, and flags another school year to confirm", async () => {
    const other = await pupilsOf(sieclePupilsXml(3, { uaj: "0999999Z" }));
    expect(() => planSiecleImport(other, null, { uai: UAI, today: DECEMBER_2026 })).toThrow(
      "Ce fichier est celui de l'établissement 0999999Z, pas du vôtre (0123456A) : rien n'a été importé.",
    );
    expect(() => planSiecleImport(other, null, { uai: "lycée", today: DECEMBER_2026 })).toThrow(/7 chiffres et une lettre/);
    const lastYear = await pupilsOf(sieclePupilsXml(3, { year: 2025 }));
    expect(planSiecleImport(lastYear, null, { uai: UAI, today: DECEMBER_2026 }).otherYear).toBe(true);
    expect(schoolYearAt(new Date("2027-03-15"))).toBe(2026);
    // Late August, before the change, the year under way is still 2026, and next year's file is the
    // one a school prepares its rentrée with: not flagged; in June it still is.
    expect(schoolYearAt(new Date("2027-08-20"))).toBe(2026);
    expect(isOtherYear("2027-2028", new Date("2027-08-20"))).toBe(false);
    expect(isOtherYear("2027-2028", new Date("2027-06-20"))).toBe(true);
    expect(isOtherYear("2025-2026", new Date("2027-08-20"))).toBe(true);
  });
});

describe("SIECLE: bad files, refused with their reason", () => {
  it("refuses what is not a SIECLE pupils' export", async () => {
    await expect(pupilsOf(Buffer.from('<?xml version="1.0"?><STS_EDT></STS_EDT>'))).rejects.toThrow(
      "n'est pas l'export attendu : il commence par <STS_EDT> au lieu de <BEE_ELEVES>",
    );
    await expect(pupilsOf(Buffer.from("Nom;Prénom;Classe\nDupont;Zoé;6A"))).rejects.toThrow(/n'est pas un XML valide/);
    await expect(pupilsOf(Buffer.from(""))).rejects.toThrow(/vide ou n'est pas un XML/);
    await expect(pupilsOf(Buffer.from('<?xml version="1.0"?><BEE_ELEVES><DONNEES/></BEE_ELEVES>'))).rejects.toThrow(
      "n'indique pas l'établissement (UAJ)",
    );
  });

  it("refuses a file cut in the middle", async () => {
    const whole = sieclePupilsXml(200);
    await expect(pupilsOf(whole.subarray(0, Math.floor(whole.length / 2)))).rejects.toThrow(/est incomplet : il a été coupé avant la fin/);
  });

  it("refuses a DOCTYPE, and with it the billion laughs and external entities", async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><BEE_ELEVES><PARAMETRES><UAJ>&lol2;</UAJ></PARAMETRES></BEE_ELEVES>`;
    await expect(pupilsOf(Buffer.from(laughs))).rejects.toThrow(/contient une déclaration DOCTYPE/);
    const external = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><BEE_ELEVES>&xxe;</BEE_ELEVES>`;
    await expect(pupilsOf(Buffer.from(external))).rejects.toThrow(/DOCTYPE/);
  });

  it("refuses an encoding declaration that lies, either way", async () => {
    await expect(pupilsOf(sieclePupilsXml(5, { encoding: "UTF-8", declared: "ISO-8859-15" }))).rejects.toThrow(
      "déclare l'encodage ISO-8859-15 mais il est écrit en UTF-8",
    );
    await expect(pupilsOf(sieclePupilsXml(5, { encoding: "ISO-8859-15", declared: "UTF-8" }))).rejects.toThrow(
      "déclare l'encodage UTF-8 mais contient des octets qui n'en sont pas",
    );
    await expect(pupilsOf(sieclePupilsXml(5, { declared: "KLINGON-8" }))).rejects.toThrow("déclare un encodage inconnu (klingon-8)");
    // Told the truth, UTF-8 is read as well as ISO-8859-15.
    expect((await pupilsOf(sieclePupilsXml(5, { encoding: "UTF-8" }))).pupils[3].lastName).toBe("Œillet3");
  });

  it("refuses a 200 MB XML before reading it", async () => {
    const huge = Buffer.alloc(200 * 1024 * 1024, 0x20);
    await expect(xmlOfUpload(huge, "ElevesSansAdresses.xml")).rejects.toThrow(/dépasse 48 Mo/);
  });

  it("takes the one XML of a zip, and refuses any other zip", async () => {
    const xml = sieclePupilsXml(50);
    const zipped = Buffer.from(zipSync({ "ElevesSansAdresses.xml": xml }));
    expect((await pupilsOf(zipped, "ExportXML_ElevesSansAdresses.zip")).pupils).toHaveLength(50);

    const zip = (entries: Record<string, Uint8Array>) => xmlOfUpload(Buffer.from(zipSync(entries)), "export.zip");
    await expect(zip({ "a.xml": xml, "b.xml": xml })).rejects.toThrow("contient 2 fichiers : elle doit contenir un seul fichier XML");
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}.xml`, strToU8("<a/>")]));
    await expect(zip(many)).rejects.toThrow("contient 10000 fichiers");
    await expect(zip({ "../../etc/ElevesSansAdresses.xml": xml })).rejects.toThrow(
      "contient un chemin de fichier refusé : elle doit contenir un seul fichier .xml, sans dossier.",
    );
    await expect(zip({ "ElevesSansAdresses.exe": xml })).rejects.toThrow(/un seul fichier \.xml, sans dossier/);
    await expect(zip({})).rejects.toThrow(/est vide/);
    await expect(xmlOfUpload(zipped.subarray(0, zipped.length - 30), "coupé.zip")).rejects.toThrow(/pas une archive zip lisible/);
  });

  it("stops a zip bomb at the limit, whether its sizes tell the truth or lie", async () => {
    const zeros = new Uint8Array(MAX_XML_BYTES + 1024 * 1024);
    const bomb = Buffer.from(zipSync({ "ElevesSansAdresses.xml": zeros }, { level: 9 }));
    expect(bomb.length).toBeLessThan(200_000);
    await expect(xmlOfUpload(bomb, "bombe.zip")).rejects.toThrow(/dépasse 48 Mo/);
    // The same, its local and central headers saying 1 KB: inflating stops when the bytes outgrow it.
    const liar = Buffer.from(bomb);
    const lieAbout = (signature: number, sizeOffset: number) => {
      const marker = Buffer.alloc(4);
      marker.writeUInt32LE(signature);
      for (let at = liar.indexOf(marker); at >= 0; at = liar.indexOf(marker, at + 4)) liar.writeUInt32LE(1024, at + sizeOffset);
    };
    lieAbout(0x04034b50, 22); // local file header: uncompressed size
    lieAbout(0x02014b50, 24); // central directory: uncompressed size
    await expect(xmlOfUpload(liar, "menteuse.zip")).rejects.toThrow(
      "L'archive menteuse.zip est endommagée : exportez le fichier à nouveau.",
    );
  });

  it("leaves the server responsive while it reads a large file", async () => {
    const xml = sieclePupilsXml(20_000);
    const start = performance.now();
    const { result: file, longestPauseMs: longest } = await watched(() => readSieclePupils(xml, "ElevesSansAdresses.xml"));
    console.log(
      `SIECLE: ${file.pupils.length} pupils (${(xml.length / 1e6).toFixed(1)} MB) in ${(performance.now() - start).toFixed(0)} ms, longest pause of the event loop ${longest.toFixed(0)} ms`,
    );
    expect(file.pupils).toHaveLength(20_000);
    expect(longest).toBeLessThan(250);
  });
});

describe("STSWEB: the teachers of sts_emp_<UAI>_<année>.xml", () => {
  it("reads 200 teachers with their classes and subjects, and only the teachers", async () => {
    const file = await readStsFile(stsXml(200), "sts_emp_0123456A_2026.xml");
    expect(file).toMatchObject({ uaj: UAI, schoolYear: "2026", problems: [] });
    // The headteacher (DIR) and the teacher on leave (no FONCTION) are not teachers.
    expect(file.teachers).toHaveLength(200);
    const first = file.teachers[0];
    expect(first).toMatchObject({ individuId: "20000", lastName: "ÉBÈNE7", firstName: "Ñoño", civility: "Mme" });
    expect(first.classes).toEqual(["6A", "8A", "10A", "LATIN-5"]);
    expect(first.subjects).toEqual(["ANGLAIS LV1", "FRANCAIS"]);
    expect(file.teachers[1]).toMatchObject({ civility: "M.", classes: ["6A", "8A", "10A"], subjects: ["MATHEMATIQUES"] });
  });

  it("refuses a private timetable program's export, another root, and a DOCTYPE", async () => {
    await expect(readStsFile(stsXml(3, { source: "EDT 2026" }), "sts_emp_0123456A_2026.xml")).rejects.toThrow(
      "vient d'un logiciel d'emploi du temps (EDT 2026), pas de STSWEB",
    );
    await expect(readStsFile(sieclePupilsXml(2), "sts.xml")).rejects.toThrow("il commence par <BEE_ELEVES> au lieu de <STS_EDT>");
    await expect(readStsFile(Buffer.from('<!DOCTYPE STS_EDT SYSTEM "http://pirate.test/x.dtd"><STS_EDT/>'), "sts.xml")).rejects.toThrow(
      /DOCTYPE/,
    );
  });
});
