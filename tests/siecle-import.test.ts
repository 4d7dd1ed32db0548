import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listRecipients } from "@/lib/server/letters/recipients";
import { applySiecleImport, previewSiecleImport, type SiecleImportInput } from "@/lib/server/siecle/siecle-import";
import { schoolYearAt } from "@/lib/school-calendar";
import { newAccount } from "./support/fixtures";
import { pupilName, sieclePupilsXml, siecleResponsablesXml, UAI } from "./support/siecle";
import { importPeople } from "@/lib/server/people/import-people";

const year = schoolYearAt(new Date());

async function school() {
  const account = await newAccount("PRONOTE_CAMPUS");
  await db.planning.updateMany({ where: { accountId: account.accountId }, data: { netLicence: true } });
  const ctx = { accountId: account.accountId, actor: "responsable", ip: "127.0.0.1" };
  const files = (pupils: Buffer, responsables?: Buffer): SiecleImportInput => ({
    planningId: account.plannings[0].id,
    uai: UAI,
    pupils: { name: "ElevesSansAdresses.xml", bytes: pupils },
    ...(responsables ? { responsables: { name: "ResponsablesAvecAdresses.xml", bytes: responsables } } : {}),
  });
  return { account, ctx, files };
}

const people = (accountId: string, population: string) =>
  db.espacePerson.findMany({ where: { accountId, population }, orderBy: { nationalKey: "asc" } });

describe("SIECLE import: this year's files, then next year's", () => {
  it("imports no « Inactifs » pupil, and sets aside one who becomes so next year", async () => {
    const { account, ctx, files } = await school();
    expect(await applySiecleImport(ctx, files(sieclePupilsXml(30, { year, inactive: new Set([29]) })))).toMatchObject({ arrivals: 29 });
    const groups = await people(account.accountId, "ELEVES");
    expect(groups.map((p) => p.groupName)).not.toContain("Inactifs");
    const next = files(sieclePupilsXml(30, { year: year + 1, inactive: new Set([0, 29]) }));
    expect(await applySiecleImport(ctx, { ...next, confirmOtherYear: true })).toMatchObject({ departures: 1 });
    const gone = await db.espacePerson.findFirstOrThrow({ where: { accountId: account.accountId, nationalKey: "100000" } });
    expect(gone.leftAt).not.toBeNull();
    expect(gone.groupName).not.toBe("Inactifs");
  });

  it("imports 3,000 pupils and 5,998 responsables, then updates them a year on without one duplicate", { timeout: 180_000 }, async () => {
    const { account, ctx, files } = await school();
    const thisYear = files(sieclePupilsXml(3000, { year }), siecleResponsablesXml(3000, { year }));

    const preview = await previewSiecleImport(ctx, thisYear);
    expect(preview.pupils).toMatchObject({ total: 3000, arrivals: 3000, departures: 0, changes: 0 });
    expect(preview.responsables).toMatchObject({ total: 5998, arrivals: 5998, notLegal: 300, withoutCurrentPupil: 1 });
    // The preview writes nothing.
    expect(await db.espacePerson.count({ where: { accountId: account.accountId } })).toBe(0);

    let start = performance.now();
    expect(await applySiecleImport(ctx, thisYear)).toEqual({ arrivals: 8998, departures: 0, changes: 0 });
    console.log(`SIECLE import: 3,000 pupils and 5,998 responsables in ${(performance.now() - start).toFixed(0)} ms`);
    const pupils = await people(account.accountId, "ELEVES");
    expect(pupils).toHaveLength(3000);
    expect(pupils[0]).toMatchObject({
      nationalKey: "100000",
      lastName: "D'Artagnan0",
      firstName: "Zoé",
      groupName: "6A",
      source: "SIECLE",
    });
    expect(pupils[0].loginId).toBe("zoe.d-artagnan0");
    const mother = await db.espacePerson.findFirstOrThrow({ where: { accountId: account.accountId, nationalKey: "500000" } });
    expect(mother).toMatchObject({
      population: "RESPONSABLES",
      email: "p500000@famille.test",
      acceptsSms: false,
      householdKey: "siecle:900000",
    });
    expect(mother.postalAddress).toBe("0 rue de l'Église\n75011 PARIS");
    // Pupils 0 and 1 are brothers: their mother is responsable of both.
    expect(await db.pupilResponsable.count({ where: { responsableId: mother.id } })).toBe(2);
    expect(await db.pupilResponsable.count({ where: { accountId: account.accountId } })).toBe(6000);

    // During the year: a pupil chooses his password; the school types a mobile number by hand.
    const chosen = pupils[150];
    await db.espacePerson.update({
      where: { id: chosen.id },
      data: { passwordHash: "argon2-of-his-password", provisionalPasswordEnc: null },
    });

    // Next year: the first 100 pupils have left, 100 arrive after the last, everyone moves up a level.
    const nextYear = files(
      sieclePupilsXml(3000, { year: year + 1, from: 100, grade: 1 }),
      siecleResponsablesXml(3000, { year: year + 1, from: 100 }),
    );
    await expect(applySiecleImport(ctx, nextYear)).rejects.toThrow(`Ce fichier est celui de l'année scolaire ${year + 1} : confirmez`);
    const report = await previewSiecleImport(ctx, nextYear);
    expect(report.otherYear).toBe(true);
    expect(report.pupils).toMatchObject({ total: 3000, arrivals: 100, departures: 100, changes: 2900 });
    // Pupils 0 and 1's parents (shared), then two each for pupils 2–99, have left; 200 arrive.
    expect(report.responsables).toMatchObject({ arrivals: 200, departures: 198, changes: 0 });
    expect(report.changes).toContainEqual({
      population: "ELEVES",
      name: "D'Artagnan150 Zoé",
      loginId: chosen.loginId,
      said: "classe 6F → 5F",
    });
    expect(report.departures[0]).toMatchObject({ population: "ELEVES", name: "D'Artagnan0 Zoé", loginId: "zoe.d-artagnan0" });

    start = performance.now();
    expect(await applySiecleImport(ctx, { ...nextYear, confirmOtherYear: true })).toEqual({
      arrivals: 300,
      departures: 298,
      changes: 2900,
    });
    console.log(`SIECLE yearly update: 300 arrivals, 298 departures, 2,900 changes in ${(performance.now() - start).toFixed(0)} ms`);
    const after = await people(account.accountId, "ELEVES");
    expect(after).toHaveLength(3100);
    expect(new Set(after.map((p) => p.nationalKey)).size).toBe(3100);
    const same = await db.espacePerson.findUniqueOrThrow({ where: { id: chosen.id }, omit: { passwordHash: false } });
    expect(same).toMatchObject({ loginId: chosen.loginId, passwordHash: "argon2-of-his-password", groupName: "5F", leftAt: null });
    expect(after.filter((p) => p.leftAt !== null)).toHaveLength(100);
    // The departed are kept, and listed nowhere: the Élèves list shows this year's 3,000.
    const list = await listRecipients(account.accountId, "ELEVES", {});
    expect(list).toMatchObject({ total: 3000, populationTotal: 3000 });
    expect((await listRecipients(account.accountId, "ELEVES", { search: "zoe.d-artagnan0" })).total).toBe(0);

    // The same file again changes nothing.
    expect(await applySiecleImport(ctx, { ...nextYear, confirmOtherYear: true })).toEqual({ arrivals: 0, departures: 0, changes: 0 });
  });

  it("imports once when 20 'Importer' arrive at the same time; the others are told so in French", async () => {
    const { account, ctx, files } = await school();
    const input = files(sieclePupilsXml(100, { year }), siecleResponsablesXml(100, { year }));
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => applySiecleImport(ctx, input)));
    const done = outcomes.filter((o) => o.status === "fulfilled" && o.value.arrivals > 0);
    expect(done).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === "rejected") expect(String(o.reason)).toContain("Un autre import de ces fichiers vient d'être fait");
    }
    expect(await db.espacePerson.count({ where: { accountId: account.accountId, population: "ELEVES" } })).toBe(100);
    expect(await db.pupilResponsable.count({ where: { accountId: account.accountId } })).toBe(200);
  });

  it("refuses another school's file and writes nothing", async () => {
    const { account, ctx, files } = await school();
    await expect(applySiecleImport(ctx, files(sieclePupilsXml(10, { uaj: "0999999Z", year })))).rejects.toThrow(
      "Ce fichier est celui de l'établissement 0999999Z",
    );
    await expect(applySiecleImport(ctx, files(sieclePupilsXml(200, { year }).subarray(0, 5000)))).rejects.toThrow(/incomplet/);
    expect(await db.espacePerson.count({ where: { accountId: account.accountId } })).toBe(0);
  });

  it("brings a departed pupil back with his login, and leaves people entered by CSV alone", async () => {
    const { account, ctx, files } = await school();
    await db.espacePerson.create({
      data: {
        accountId: account.accountId,
        population: "ELEVES",
        loginId: "a.csv",
        loginKey: "a.csv",
        lastName: "Csv",
        firstName: "Anne",
        source: "CSV",
      },
    });
    await applySiecleImport(ctx, files(sieclePupilsXml(5, { year })));
    await applySiecleImport(ctx, files(sieclePupilsXml(4, { year, from: 1 })));
    const gone = await db.espacePerson.findFirstOrThrow({ where: { accountId: account.accountId, nationalKey: "100000" } });
    expect(gone.leftAt).not.toBeNull();
    const report = await previewSiecleImport(ctx, files(sieclePupilsXml(5, { year })));
    expect(report.changes).toEqual([{ population: "ELEVES", name: "D'Artagnan0 Zoé", loginId: gone.loginId, said: "de retour" }]);
    await applySiecleImport(ctx, files(sieclePupilsXml(5, { year })));
    expect(await db.espacePerson.findUniqueOrThrow({ where: { id: gone.id } })).toMatchObject({ leftAt: null, loginId: gone.loginId });
    expect(await db.espacePerson.findFirstOrThrow({ where: { accountId: account.accountId, loginKey: "a.csv" } })).toMatchObject({
      leftAt: null,
    });
  });

  it("recognises the pupils imported by CSV before the first SIECLE file, by name and class: same login, same password", async () => {
    const { account, ctx, files } = await school();
    const { accountId } = account;
    const name = (i: number) => pupilName(i);
    // Pupils 0 to 3 as a CSV had them (in capitals).
    const csv = [
      "Nom;Prénom;Classe",
      ...[0, 1, 2].map((i) => `${name(i).lastName.toUpperCase()};${name(i).firstName};6A`),
      `${name(3).lastName};${name(3).firstName};6A`,
    ].join("\n");
    await importPeople(ctx, { population: "ELEVES", planningId: files(Buffer.alloc(0)).planningId, bytes: Buffer.from(csv) });
    const before = await db.espacePerson.findMany({ where: { accountId }, orderBy: { lastName: "asc" }, omit: { passwordHash: false } });
    // A namesake of pupil 3 typed in the console: the two of them are not told apart by name.
    await db.espacePerson.create({
      data: { accountId, population: "ELEVES", loginId: "homonyme", loginKey: "homonyme", ...name(3), groupName: "6A", source: "SAISIE" },
    });
    await db.espacePerson.update({ where: { id: before[1].id }, data: { passwordHash: "argon2-of-her-password" } });

    const report = await previewSiecleImport(ctx, files(sieclePupilsXml(5, { year })));
    expect(report.pupils).toMatchObject({ arrivals: 2, changes: 3 });
    expect(report.changes.map((c) => c.said)).toEqual(
      // The CSV gave no birth date: SIECLE's is learned (what an ENT's identity is matched by).
      [0, 1, 2].map(
        (i) =>
          `reconnu(e) : importé(e) par CSV, nom ${name(i).lastName.toUpperCase()} → ${name(i).lastName}, date de naissance — → 01/09/2012`,
      ),
    );
    expect(report.problems[0]).toBe(
      `Plusieurs personnes déjà dans la console s'appellent ${name(3).lastName} ${name(3).firstName} : aucune n'est reconnue, ${name(3).lastName} ${name(3).firstName} est importé(e) comme une nouvelle personne.`,
    );
    await applySiecleImport(ctx, files(sieclePupilsXml(5, { year })));
    const after = await db.espacePerson.findMany({ where: { accountId }, omit: { passwordHash: false } });
    expect(after).toHaveLength(7);
    for (const i of [0, 1, 2]) {
      const csvPupil = before.find((p) => p.lastName === name(i).lastName.toUpperCase())!;
      const now = after.find((p) => p.id === csvPupil.id)!;
      expect(now).toMatchObject({ loginId: csvPupil.loginId, source: "SIECLE", lastName: name(i).lastName, nationalKey: `${100000 + i}` });
    }
    expect(after.find((p) => p.id === before[1].id)!.passwordHash).toBe("argon2-of-her-password");
    // The same file again: nothing new, nothing doubled.
    expect(await applySiecleImport(ctx, files(sieclePupilsXml(5, { year })))).toEqual({ arrivals: 0, departures: 0, changes: 0 });
  });
});
