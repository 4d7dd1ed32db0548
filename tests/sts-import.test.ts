import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listRecipients } from "@/lib/server/letters/recipients";
import { applySiecleImport } from "@/lib/server/siecle/siecle-import";
import { applyStsImport, previewStsImport, type StsImportInput } from "@/lib/server/siecle/sts-import";
import { schoolYearAt } from "@/lib/school-calendar";
import { newAccount } from "./support/fixtures";
import { sieclePupilsXml, stsXml, UAI } from "./support/siecle";

const year = schoolYearAt(new Date());

async function school() {
  const account = await newAccount("PRONOTE_CAMPUS");
  await db.planning.updateMany({ where: { accountId: account.accountId }, data: { netLicence: true } });
  const ctx = { accountId: account.accountId, actor: "responsable", ip: "127.0.0.1" };
  const file = (bytes: Buffer): StsImportInput => ({
    planningId: account.plannings[0].id,
    uai: UAI,
    file: { name: `sts_emp_${UAI}_${year}.xml`, bytes },
  });
  return { account, ctx, file };
}

const teachers = (accountId: string) =>
  db.espacePerson.findMany({
    where: { accountId, population: "PROFESSEURS" },
    orderBy: { nationalKey: "asc" },
    omit: { passwordHash: false },
  });

describe("STSWEB import: the teachers, this year then next", () => {
  it("imports 200 teachers with their classes and subjects, then next year's file without a duplicate", async () => {
    const { account, ctx, file } = await school();
    const preview = await previewStsImport(ctx, file(stsXml(200, { year })));
    expect(preview).toMatchObject({ otherYear: false, teachers: { total: 200, arrivals: 200, departures: 0, changes: 0 } });
    expect(await db.espacePerson.count({ where: { accountId: account.accountId } })).toBe(0);

    let start = performance.now();
    expect(await applyStsImport(ctx, file(stsXml(200, { year })))).toEqual({ arrivals: 200, departures: 0, changes: 0 });
    console.log(`STSWEB import: 200 teachers in ${(performance.now() - start).toFixed(0)} ms`);
    const first = await teachers(account.accountId);
    expect(first).toHaveLength(200);
    expect(first[1]).toMatchObject({
      nationalKey: "20001",
      source: "STSWEB",
      civility: "M.",
      groupName: "6A, 8A, 10A",
      subjects: "MATHEMATIQUES",
    });
    expect(first[0].groupName).toContain("LATIN-5");
    // Neither the headteacher (FONCTION DIR) nor the teacher on leave (no FONCTION).
    expect(first.some((t) => t.nationalKey === "29998" || t.nationalKey === "29999")).toBe(false);
    const kept = first[50];
    await db.espacePerson.update({ where: { id: kept.id }, data: { passwordHash: "argon2-of-his-password" } });

    // Next year: 20 teachers left, 20 arrived, everyone's classes moved.
    const nextYear = file(stsXml(200, { year: year + 1, from: 20 }));
    const report = await previewStsImport(ctx, nextYear);
    expect(report).toMatchObject({ otherYear: true, teachers: { total: 200, arrivals: 20, departures: 20 } });
    await expect(applyStsImport(ctx, nextYear)).rejects.toThrow(`Ce fichier est celui de l'année scolaire ${year + 1}`);
    start = performance.now();
    const applied = await applyStsImport(ctx, { ...nextYear, confirmOtherYear: true });
    console.log(`STSWEB update: ${JSON.stringify(applied)} in ${(performance.now() - start).toFixed(0)} ms`);
    expect(applied).toMatchObject({ arrivals: 20, departures: 20 });
    const after = await teachers(account.accountId);
    expect(after).toHaveLength(220);
    expect(after.find((t) => t.id === kept.id)).toMatchObject({
      loginId: kept.loginId,
      passwordHash: "argon2-of-his-password",
      leftAt: null,
    });
    expect(after.filter((t) => t.leftAt !== null).map((t) => t.nationalKey)).toEqual(Array.from({ length: 20 }, (_, i) => `${20000 + i}`));
    expect((await listRecipients(account.accountId, "PROFESSEURS", {})).total).toBe(200);
  });

  it("imports once when 20 'Importer' arrive at the same time", async () => {
    const { account, ctx, file } = await school();
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => applyStsImport(ctx, file(stsXml(30, { year })))));
    expect(outcomes.filter((o) => o.status === "fulfilled" && o.value.arrivals > 0)).toHaveLength(1);
    for (const o of outcomes) if (o.status === "rejected") expect(String(o.reason)).toContain("Un autre import de ce fichier");
    expect(await db.espacePerson.count({ where: { accountId: account.accountId, population: "PROFESSEURS" } })).toBe(30);
  });

  it("refuses another school's file, a timetable program's export and a cut file, writing nothing", async () => {
    const { account, ctx, file } = await school();
    await expect(applyStsImport(ctx, file(stsXml(10, { year, uaj: "0999999Z" })))).rejects.toThrow(
      "Ce fichier est celui de l'établissement 0999999Z",
    );
    await expect(applyStsImport(ctx, file(stsXml(10, { year, source: "EDT 2026" })))).rejects.toThrow("pas de STSWEB");
    await expect(applyStsImport(ctx, file(stsXml(50, { year }).subarray(0, 4000)))).rejects.toThrow(/incomplet/);
    expect(await db.espacePerson.count({ where: { accountId: account.accountId } })).toBe(0);
  });

  it("leaves the pupils alone: a SIECLE pupil is not a departure of STSWEB's file, nor the reverse", async () => {
    const { account, ctx, file } = await school();
    await applySiecleImport(ctx, {
      planningId: file(Buffer.alloc(0)).planningId,
      uai: UAI,
      pupils: { name: "e.xml", bytes: sieclePupilsXml(5, { year }) },
    });
    await applyStsImport(ctx, file(stsXml(5, { year })));
    expect(await applyStsImport(ctx, file(stsXml(5, { year })))).toEqual({ arrivals: 0, departures: 0, changes: 0 });
    expect(await db.espacePerson.count({ where: { accountId: account.accountId, leftAt: null } })).toBe(10);
  });
});
