import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setTestClock } from "@/lib/clock";
import { schoolYearVersion } from "@/lib/product-version";
import { defaultGrid } from "@/lib/timetable-grid";
import { createBase } from "@/lib/server/base/create-base";
import { listLetterModels } from "@/lib/server/letters/letter-models";
import { runYearlyChange } from "@/lib/server/school-year/run-yearly-step";
import { recoverableArchives, recoverLastYear, yearRecovered } from "@/lib/server/school-year/recover-year";
import { RECOVERY_ITEM_KEYS } from "@/lib/school-year-recovery";
import { filterOfParams } from "@/lib/letters/recipient-filter";
import { listRecipients } from "@/lib/server/letters/recipients";
import { chooseRecipients } from "@/lib/server/letters/choose-recipients";
import { encryptProvisional } from "@/lib/server/security/provisional";
import { asResponsible, readyAccount } from "./support/fixtures";

// Seed 004: the new base of the end of August starts empty; "Récupérer les données d'une base
// PRONOTE" designates last year's archive and brings back what is ticked. At a school's size.
const thisYear = schoolYearVersion(new Date());
const next = thisYear + 1;
const august = new Date(`${next}-08-26T08:00:00Z`);

afterEach(() => setTestClock(null));

async function schoolWithPeople(count: number, left: number) {
  const account = await readyAccount();
  const ctx = asResponsible(account.accountId);
  const planningId = account.plannings[0].id;
  await createBase(ctx, planningId, { ...defaultGrid(thisYear), name: `Base ${thisYear}` });
  const rows = Array.from({ length: count }, (_, i) => ({
    accountId: account.accountId,
    population: "ELEVES",
    loginId: `eleve${i}`,
    loginKey: `eleve${i}`,
    lastName: `Nom${i}`,
    firstName: `Prénom${i}`,
    email: i % 2 === 0 ? `eleve${i}@famille.test` : "",
    groupName: "3A",
    planningId,
    source: "SIECLE",
    nationalKey: String(100000 + i),
    provisionalPasswordEnc: encryptProvisional(`Prov${i}!aa`),
    leftAt: i < left ? new Date() : null,
  }));
  for (let i = 0; i < rows.length; i += 100) await db.espacePerson.createMany({ data: rows.slice(i, i + 100) });
  // One pupil chose his password and is linked to his ENT identity.
  await db.espacePerson.updateMany({
    where: { accountId: account.accountId, loginKey: `eleve${left}` },
    data: { passwordHash: "argon2-de-son-mot-de-passe", provisionalPasswordEnc: null, casId: "ent-4242" },
  });
  await db.profileAssignment.create({
    data: { accountId: account.accountId, planningId, userId: account.superadminId, profile: "ADMINISTRATION" },
  });
  const models = await listLetterModels(account.accountId);
  await db.letterModel.update({ where: { id: models[0].id }, data: { text: `${models[0].text}\nNotre texte de l'an passé.` } });
  setTestClock(august);
  await runYearlyChange({ accountId: account.accountId, year: next, step: "CHANGE" });
  setTestClock(null);
  return { account, ctx, planningId, model: models[0] };
}

describe("Récupérer les données de l'an passé", () => {
  it("sets 5,000 people aside at the change and brings back those still at school, with their passwords, in one go", {
    timeout: 120_000,
  }, async () => {
    const { account, ctx, planningId, model } = await schoolWithPeople(5000, 10);
    // The new base is empty: nobody in its Espaces, no profile.
    expect(await db.espacePerson.count({ where: { planningId } })).toBe(0);
    expect(await db.profileAssignment.count({ where: { planningId } })).toBe(0);
    // The school changed a model after the change; last year's text comes back.
    await db.letterModel.update({ where: { id: model.id }, data: { text: model.text } });

    const [archive] = await recoverableArchives(ctx, planningId);
    expect(archive).toMatchObject({ schoolYear: thisYear, recoveredAt: null });
    expect(await yearRecovered(account.accountId)).toBe(false);
    const start = performance.now();
    const report = await recoverLastYear(ctx, planningId, { archiveId: archive.id, items: RECOVERY_ITEM_KEYS });
    const ms = performance.now() - start;
    console.log(`Récupération de 4 990 personnes sur 5 000 en ${ms.toFixed(0)} ms`);
    expect(report).toEqual({ people: 4990, credentials: 4990, emails: 2495, authorizations: 1, models: 1, left: 10 });

    expect(await db.espacePerson.count({ where: { planningId } })).toBe(4990);
    expect(await db.espacePerson.count({ where: { accountId: account.accountId, planningId: null } })).toBe(10);
    const chosen = await db.espacePerson.findFirstOrThrow({
      where: { accountId: account.accountId, loginKey: "eleve10" },
      omit: { passwordHash: false },
    });
    expect(chosen).toMatchObject({ planningId, passwordHash: "argon2-de-son-mot-de-passe", casId: "ent-4242", loginId: "eleve10" });
    expect(await db.profileAssignment.count({ where: { planningId, userId: account.superadminId } })).toBe(1);
    expect((await db.letterModel.findUniqueOrThrow({ where: { id: model.id } })).text).toContain("Notre texte de l'an passé.");
    const line = await db.auditEvent.findFirstOrThrow({ where: { accountId: account.accountId, action: "year.recover" } });
    expect(line.detail).toContain("Identifiants et mots de passe : 4990");

    // The second rentrée's letters: the list starts at those not yet activated (no personal
    // password, no ENT identity), 4,989 of the 4,990; "actives=tous" shows everyone.
    expect(await yearRecovered(account.accountId)).toBe(true);
    const notYet = filterOfParams({}, { notActivated: await yearRecovered(account.accountId) });
    expect(notYet).toEqual({ notActivated: true });
    expect((await listRecipients(account.accountId, "ELEVES", notYet)).total).toBe(4989);
    expect((await chooseRecipients(account.accountId, "ELEVES", { filter: notYet })).some((r) => r.personalized)).toBe(false);
    expect(filterOfParams({ actives: "tous" }, { notActivated: true })).toEqual({});
    expect((await listRecipients(account.accountId, "ELEVES", filterOfParams({ actives: "tous" }, { notActivated: true }))).total).toBe(
      4990,
    );

    // Again: nothing more comes back, nothing is doubled.
    const again = await recoverLastYear(ctx, planningId, { archiveId: archive.id, items: RECOVERY_ITEM_KEYS });
    expect(again).toMatchObject({ people: 0, authorizations: 0, models: 0 });
    expect(await db.profileAssignment.count({ where: { planningId } })).toBe(1);
    expect((await recoverableArchives(ctx, planningId))[0].recoveredAt).not.toBeNull();
  });

  it("gives new provisional passwords when « Identifiants et mots de passe » is unticked, and no address without « E-mails »", async () => {
    const { account, ctx, planningId } = await schoolWithPeople(20, 2);
    const [archive] = await recoverableArchives(ctx, planningId);
    const report = await recoverLastYear(ctx, planningId, { archiveId: archive.id, items: ["people"] });
    expect(report).toMatchObject({ people: 18, credentials: 0, emails: 0, authorizations: 0, left: 2 });
    const chosen = await db.espacePerson.findFirstOrThrow({
      where: { accountId: account.accountId, loginKey: "eleve2" },
      omit: { passwordHash: false, provisionalPasswordEnc: false },
    });
    expect(chosen).toMatchObject({ planningId, passwordHash: null, casId: "", email: "", loginId: "eleve2" });
    expect(chosen.provisionalPasswordEnc).not.toBeNull();
    expect(await db.profileAssignment.count({ where: { planningId } })).toBe(0);
  });

  it("brings each person back once when 50 « Récupérer » arrive at the same time", async () => {
    const { ctx, planningId } = await schoolWithPeople(20, 2);
    const [archive] = await recoverableArchives(ctx, planningId);
    const reports = await Promise.all(
      Array.from({ length: 50 }, () => recoverLastYear(ctx, planningId, { archiveId: archive.id, items: RECOVERY_ITEM_KEYS })),
    );
    expect(reports.reduce((sum, r) => sum + r.people, 0)).toBe(18);
    expect(reports.reduce((sum, r) => sum + r.authorizations, 0)).toBe(1);
    expect(reports.filter((r) => r.people > 0)).toHaveLength(1);
    expect(await db.espacePerson.count({ where: { planningId } })).toBe(18);
    expect(await db.profileAssignment.count({ where: { planningId } })).toBe(1);
  });

  it("refuses an archive of another account, and the base of this year as its own past", async () => {
    const { ctx, planningId } = await schoolWithPeople(3, 0);
    const other = await schoolWithPeople(3, 0);
    const [theirs] = await recoverableArchives(other.ctx, other.planningId);
    await expect(recoverLastYear(ctx, planningId, { archiveId: theirs.id, items: ["people"] })).rejects.toThrow("Élément introuvable.");
    expect(await db.espacePerson.count({ where: { planningId: other.planningId } })).toBe(0);
  });
});
