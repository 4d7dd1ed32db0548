import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isPostgresUrl } from "@/lib/database-url";
import { readMailbox } from "@/lib/dev/outboxes";
import { clock, setTestClock } from "@/lib/clock";
import { schoolYearVersion } from "@/lib/product-version";
import { defaultGrid } from "@/lib/timetable-grid";
import { createBase } from "@/lib/server/base/create-base";
import { decodeBaseFile } from "@/lib/server/base/base-file";
import { issueLetterToken } from "@/lib/server/letters/letter-tokens";
import { purgeOldArchives } from "@/lib/server/school-year/archive-retention";
import { runYearlyArchive, runYearlyChange, runYearlyNotice } from "@/lib/server/school-year/run-yearly-step";
import { sendDueYearlySteps } from "@/lib/server/school-year/send-due-steps";
import { dueSteps } from "@/lib/server/school-year/yearly-steps";
import { createNextYearBase, downloadArchive, listArchives, nextYearBaseOffer } from "@/lib/server/school-year/planning-archives";
import { requestPreVersion } from "@/lib/server/hosting-account/request-pre-version";
import { SCHEDULED_TASK } from "@/lib/server/actor";
import { getYearChecklist } from "@/lib/server/school-year/year-checklist";
import { recoverableArchives, recoverLastYear } from "@/lib/server/school-year/recover-year";
import { asResponsible, readyAccount } from "./support/fixtures";

// Seed 004 "Chaque année": early July the old base is archived, at the end of August the move to the
// new version and a new empty base are automatic. Tested by moving the console's clock, never by
// waiting: this year's accounts go through next July and August (2027 when the suite runs in 2026).
const now = new Date();
const thisYear = schoolYearVersion(now);
const next = thisYear + 1;
const july = new Date(`${next}-07-03T08:00:00Z`);
const august = new Date(`${next}-08-26T08:00:00Z`);

afterEach(() => setTestClock(null));

async function schoolWithBase() {
  const account = await readyAccount();
  const ctx = asResponsible(account.accountId);
  await createBase(ctx, account.plannings[0].id, {
    ...defaultGrid(thisYear),
    sequencesPerDay: 10,
    sequenceMinutes: 50,
    name: `Base ${thisYear}`,
  });
  return account;
}

const mailsTo = (email: string) => readMailbox().filter((mail) => mail.to.includes(email));
const steps = (accountId: string) => db.yearlyStep.findMany({ where: { accountId }, orderBy: { step: "asc" } });

describe("the yearly steps' dates", () => {
  it("are due from their moment until the next step, Paris time, each a week announced", () => {
    const names = (at: string) => dueSteps(new Date(at)).map((d) => `${d.step} ${d.year}`);
    expect(names("2027-06-20T08:00:00Z")).toEqual(["CHANGE 2026"]);
    expect(names("2027-06-25T08:00:00Z")).toEqual(["CHANGE 2026", "ARCHIVE_NOTICE 2027"]);
    // 1 July 02:00 in Paris is 00:00 UTC.
    expect(names("2027-06-30T23:59:00Z")).toEqual(["CHANGE 2026", "ARCHIVE_NOTICE 2027"]);
    expect(names("2027-07-01T00:00:00Z")).toEqual(["CHANGE 2026", "ARCHIVE 2027"]);
    expect(names("2027-08-20T08:00:00Z")).toEqual(["CHANGE 2026", "ARCHIVE 2027", "CHANGE_NOTICE 2027"]);
    expect(names("2027-08-25T00:00:00Z")).toEqual(["CHANGE 2027"]);
    // A console that was stopped across the change still finds it due months later.
    expect(names("2028-02-01T08:00:00Z")).toEqual(["CHANGE 2027"]);
  });
});

describe("the July archive", () => {
  it("archives the base in service, checksummed and readable as a base file, once, and tells the responsible once", async () => {
    const account = await schoolWithBase();
    const job = { accountId: account.accountId, year: next, step: "ARCHIVE" as const };
    setTestClock(july);
    await runYearlyArchive(job);
    await runYearlyArchive(job);
    await Promise.all([runYearlyArchive(job), runYearlyArchive(job)]);

    const archives = await db.baseArchive.findMany({ where: { accountId: account.accountId } });
    expect(archives).toHaveLength(1);
    const [archive] = archives;
    expect(archive).toMatchObject({ schoolYear: thisYear, baseName: `Base ${thisYear}`, version: String(thisYear) });
    const content = decodeBaseFile(Buffer.from(archive.content), { product: "PRONOTE_CAMPUS", version: String(thisYear) });
    expect(content.grid).toMatchObject({ sequencesPerDay: 10, sequenceMinutes: 50 });
    expect(archive.size).toBe(archive.content.length);
    expect(Math.abs(archive.createdAt.getTime() - july.getTime())).toBeLessThan(60_000);
    // The base in service is untouched.
    const base = await db.timetableBase.findUniqueOrThrow({ where: { planningId: account.plannings[0].id } });
    expect(base.version).toBe(String(thisYear));

    const lines = await db.auditEvent.findMany({ where: { accountId: account.accountId, action: "year.archive" } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ actor: SCHEDULED_TASK, ip: "" });
    expect(lines[0].detail).toContain(`archive ${thisYear}-${next}`);
    const mails = mailsTo(account.email).filter((mail) => mail.subject.includes("archives de vos bases"));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(`Les archives de vos bases ${thisYear}-${next} ont été créées`);
    expect((await steps(account.accountId)).map((s) => s.step)).toEqual(["ARCHIVE"]);
  });

  it("keeps the base when the archive cannot be written, journals it, tells the responsible once, and succeeds on a later try", async () => {
    const account = await schoolWithBase();
    const planningId = account.plannings[0].id;
    const trigger = `fail_archive_${planningId.replace(/\W/g, "")}`;
    if (isPostgresUrl()) {
      await db.$executeRawUnsafe(
        `CREATE OR REPLACE FUNCTION ${trigger}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disque plein'; END $$ LANGUAGE plpgsql`,
      );
      await db.$executeRawUnsafe(
        `CREATE TRIGGER ${trigger} BEFORE INSERT ON "BaseArchive" FOR EACH ROW WHEN (NEW."planningId" = '${planningId}') EXECUTE FUNCTION ${trigger}()`,
      );
    } else {
      await db.$executeRawUnsafe(
        `CREATE TRIGGER ${trigger} BEFORE INSERT ON "BaseArchive" WHEN NEW."planningId" = '${planningId}' BEGIN SELECT RAISE(ABORT, 'disque plein'); END`,
      );
    }
    const job = { accountId: account.accountId, year: next, step: "ARCHIVE" as const };
    setTestClock(july);
    try {
      await expect(runYearlyArchive(job)).rejects.toThrow();
      await expect(runYearlyArchive(job)).rejects.toThrow();
      // The change, which would replace the base, refuses to go on without its archive.
      await expect(runYearlyChange({ ...job, step: "CHANGE" })).rejects.toThrow();
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER ${trigger}${isPostgresUrl() ? ' ON "BaseArchive"' : ""}`);
      if (isPostgresUrl()) await db.$executeRawUnsafe(`DROP FUNCTION ${trigger}()`);
    }
    const base = await db.timetableBase.findUniqueOrThrow({ where: { planningId } });
    expect(base).toMatchObject({ version: String(thisYear), name: `Base ${thisYear}`, sequenceMinutes: 50 });
    expect(await db.baseArchive.count({ where: { planningId } })).toBe(0);
    expect(await db.auditEvent.count({ where: { accountId: account.accountId, action: "year.archive.failed" } })).toBe(2);
    const told = mailsTo(account.email).filter((mail) => mail.subject.includes("n'a pas pu être créée"));
    expect(told).toHaveLength(1);
    expect(told[0].text).toContain("Votre base n'est pas modifiée");

    await runYearlyArchive(job);
    expect(await db.baseArchive.count({ where: { planningId } })).toBe(1);
  });
});

describe("the end-of-August change", () => {
  it("moves the account to the new version, archives and replaces its base by a new empty one, expires last year's codes, once", async () => {
    const account = await schoolWithBase();
    const planningId = account.plannings[0].id;
    const person = await db.espacePerson.create({
      data: {
        accountId: account.accountId,
        population: "ELEVES",
        loginId: "l.martin",
        loginKey: "l.martin",
        lastName: "Martin",
        firstName: "Léa",
      },
    });
    await db.$transaction((tx) => issueLetterToken(tx, { kind: "person", id: person.id, accountId: account.accountId }));
    const job = { accountId: account.accountId, year: next, step: "CHANGE" as const };
    setTestClock(august);
    await Promise.all([runYearlyChange(job), runYearlyChange(job)]);
    await runYearlyChange(job);

    const after = await db.hostingAccount.findUniqueOrThrow({ where: { id: account.accountId } });
    expect(after.version).toBe(String(next));
    const base = await db.timetableBase.findUniqueOrThrow({ where: { planningId } });
    expect(base).toMatchObject({ version: String(next), name: `Base ${next}`, sequencesPerDay: 10, sequenceMinutes: 50 });
    expect(base.firstMonday).toBe(defaultGrid(next).firstMonday);
    expect(JSON.parse(base.resources)).toMatchObject({ matieres: 0, enseignants: 0 });
    const planning = await db.planning.findUniqueOrThrow({ where: { id: planningId } });
    expect(planning).toMatchObject({ status: "RUNNING", publication: "UNPUBLISHED" });
    // The July archive had not run: the change wrote it before replacing the base.
    const archives = await db.baseArchive.findMany({ where: { planningId } });
    expect(archives.map((a) => [a.schoolYear, a.baseName])).toEqual([[thisYear, `Base ${thisYear}`]]);
    const token = await db.letterToken.findFirstOrThrow({ where: { personId: person.id } });
    expect(token.revokedAt).not.toBeNull();

    const changes = await db.auditEvent.findMany({
      where: { accountId: account.accountId, action: "year.change" },
      orderBy: { createdAt: "asc" },
    });
    expect(changes.map((line) => line.detail)).toEqual([
      `${account.plannings[0].name} : Base ${next} (${next}-${next + 1}) en service à la place de Base ${thisYear}, archivée`,
      `Version ${next} : 1 base(s) mise(s) en service, 1 code(s) de courrier expiré(s)`,
    ]);
    const mails = mailsTo(account.email).filter((mail) => mail.subject.includes(`vos plannings sont en version ${next}`));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("Publiez la nouvelle base");
  });

  it("leaves alone an account on the pre-version whose base of next year is made, and tells it nothing", async () => {
    const account = await schoolWithBase();
    await db.hostingAccount.update({ where: { id: account.accountId }, data: { preVersion: String(next), version: String(next) } });
    await db.timetableBase.update({ where: { planningId: account.plannings[0].id }, data: { version: String(next), name: "Préversion" } });
    setTestClock(august);
    await runYearlyChange({ accountId: account.accountId, year: next, step: "CHANGE" });
    const base = await db.timetableBase.findUniqueOrThrow({ where: { planningId: account.plannings[0].id } });
    expect(base.name).toBe("Préversion");
    expect(await db.baseArchive.count({ where: { accountId: account.accountId } })).toBe(0);
    expect(mailsTo(account.email).filter((mail) => mail.subject.includes("vos plannings sont en version"))).toHaveLength(0);
    expect((await steps(account.accountId)).map((s) => s.step)).toEqual(["CHANGE"]);
  });

  it("refuses to replace a base whose archive no longer gives its checksum", async () => {
    const account = await schoolWithBase();
    const planningId = account.plannings[0].id;
    setTestClock(july);
    await runYearlyArchive({ accountId: account.accountId, year: next, step: "ARCHIVE" });
    const archive = await db.baseArchive.findFirstOrThrow({ where: { planningId } });
    const damaged = Uint8Array.from(archive.content);
    damaged[40] ^= 1;
    await db.baseArchive.update({ where: { id: archive.id }, data: { content: damaged } });
    setTestClock(august);
    await expect(runYearlyChange({ accountId: account.accountId, year: next, step: "CHANGE" })).rejects.toThrow(
      `L'archive ${thisYear}-${next} est endommagée : sa somme de contrôle ne correspond pas à son contenu.`,
    );
    expect((await db.timetableBase.findUniqueOrThrow({ where: { planningId } })).version).toBe(String(thisYear));
  });
});

describe("the catch-up and the announcements", () => {
  it("sends one job per concerned account and step, and none once done or for an account opened after the moment", async () => {
    const account = await schoolWithBase();
    const bare = await readyAccount();
    const sent: { name: string; data: { accountId: string; step: string } }[] = [];
    const collect = async (name: string, data: unknown) => {
      sent.push({ name, data: data as { accountId: string; step: string } });
    };
    const mine = () =>
      sent
        .filter((job) => [account.accountId, bare.accountId].includes(job.data.accountId))
        .map((job) => `${job.name} ${job.data.step} ${job.data.accountId === bare.accountId ? "bare" : "base"}`);

    // Today: this year's change was before these accounts opened.
    await sendDueYearlySteps(clock.now(), collect);
    expect(mine()).toEqual([]);
    sent.length = 0;
    await sendDueYearlySteps(new Date(`${next}-08-20T08:00:00Z`), collect);
    // The archive and its notice only where a base is.
    expect(mine().sort()).toEqual(["year.archive ARCHIVE base", "year.notice CHANGE_NOTICE base"]);

    await runYearlyNotice({ accountId: account.accountId, year: next, step: "CHANGE_NOTICE" });
    await runYearlyNotice({ accountId: account.accountId, year: next, step: "CHANGE_NOTICE" });
    const notices = mailsTo(account.email).filter((mail) => mail.subject.includes(`passage à la version ${next} le 25 août ${next}`));
    expect(notices).toHaveLength(1);
    expect(notices[0].text).toContain(`une nouvelle base vide pour l'année\n${next}-${next + 1} sera mise en service`);

    sent.length = 0;
    await sendDueYearlySteps(august, collect);
    expect(mine().sort()).toEqual(["year.change CHANGE bare", "year.change CHANGE base"]);
    setTestClock(august);
    await runYearlyChange({ accountId: bare.accountId, year: next, step: "CHANGE" });
    sent.length = 0;
    await sendDueYearlySteps(august, collect);
    expect(mine()).toEqual(["year.change CHANGE base"]);
  });
});

describe("archive retention", () => {
  it("deletes the archives older than the last 3 school years, a journal line per account", async () => {
    const account = await schoolWithBase();
    const planningId = account.plannings[0].id;
    for (let year = thisYear - 5; year <= thisYear; year++) {
      await db.baseArchive.create({
        data: {
          accountId: account.accountId,
          planningId,
          schoolYear: year,
          baseName: `Base ${year}`,
          version: String(year),
          content: new Uint8Array([1]),
          size: 1,
          sha256: "x",
          createdAt: now,
        },
      });
    }
    // In September of next year, the year under way is `next`: kept are its three before it.
    const deleted = await purgeOldArchives(new Date(`${next}-09-15T08:00:00Z`));
    expect(deleted).toBeGreaterThanOrEqual(3);
    const left = await db.baseArchive.findMany({ where: { planningId }, orderBy: { schoolYear: "asc" } });
    expect(left.map((a) => a.schoolYear)).toEqual([thisYear - 2, thisYear - 1, thisYear]);
    const lines = await db.auditEvent.findMany({ where: { accountId: account.accountId, action: "year.archive.delete" } });
    expect(lines).toHaveLength(1);
    expect(lines[0].detail).toContain(`${thisYear - 5}-${thisYear - 4}`);
  });
});

describe("the planning's Archives and the pre-version's next base", () => {
  it("lists and downloads an account's own archives as base files, and nobody else's", async () => {
    const account = await schoolWithBase();
    const other = await schoolWithBase();
    setTestClock(july);
    await runYearlyArchive({ accountId: account.accountId, year: next, step: "ARCHIVE" });
    await runYearlyArchive({ accountId: other.accountId, year: next, step: "ARCHIVE" });
    const ctx = asResponsible(account.accountId);
    const planningId = account.plannings[0].id;
    const [listed] = await listArchives(ctx, planningId);
    expect(listed).toMatchObject({ schoolYear: thisYear, baseName: `Base ${thisYear}` });
    expect(listed).not.toHaveProperty("content");
    const file = await downloadArchive(ctx, planningId, listed.id);
    expect(file.filename).toBe(`${account.plannings[0].name}-archive-${thisYear}-${next}-Base_${thisYear}.base`);
    expect(decodeBaseFile(file.bytes, { product: "PRONOTE_CAMPUS", version: String(thisYear) }).name).toBe(`Base ${thisYear}`);
    expect(await db.auditEvent.count({ where: { accountId: account.accountId, action: "archive.download" } })).toBe(1);

    const [theirs] = await listArchives(asResponsible(other.accountId), other.plannings[0].id);
    await expect(downloadArchive(ctx, planningId, theirs.id)).rejects.toThrow("Élément introuvable.");
    await expect(listArchives(ctx, other.plannings[0].id)).rejects.toThrow("Élément introuvable.");
  });

  it("lets an account on the pre-version create next year's base in July, archived first; the change then leaves it alone", async () => {
    const account = await schoolWithBase();
    const ctx = asResponsible(account.accountId);
    const planningId = account.plannings[0].id;
    const july1 = new Date(`${next}-07-02T08:00:00Z`);
    await expect(createNextYearBase(ctx, planningId, july1)).rejects.toThrow(/une fois la préversion demandée/);
    await requestPreVersion(ctx, july1);
    expect(nextYearBaseOffer({ preVersion: String(next) }, { version: String(thisYear) }, july1)).toBe(next);
    expect(nextYearBaseOffer({ preVersion: String(next) }, { version: String(thisYear) }, new Date(`${next}-06-20T08:00:00Z`))).toBeNull();

    await createNextYearBase(ctx, planningId, july1);
    await expect(createNextYearBase(ctx, planningId, july1)).rejects.toThrow(/une fois la préversion demandée/);
    const base = await db.timetableBase.findUniqueOrThrow({ where: { planningId } });
    expect(base).toMatchObject({ version: String(next), name: `Base ${next}` });
    expect(await db.baseArchive.count({ where: { planningId, schoolYear: thisYear } })).toBe(1);
    const line = await db.auditEvent.findFirstOrThrow({ where: { accountId: account.accountId, action: "year.next-base" } });
    expect(line.actor).toBe("responsable");

    setTestClock(august);
    await runYearlyChange({ accountId: account.accountId, year: next, step: "CHANGE" });
    const after = await db.timetableBase.findUniqueOrThrow({ where: { planningId } });
    expect(after.id).toBe(base.id);
    expect((await db.hostingAccount.findUniqueOrThrow({ where: { id: account.accountId } })).version).toBe(String(next));
  });
});

describe("the « Chaque année » checklist", () => {
  it("shows from July to October the second rentrée's steps, each done with its date as the school goes", async () => {
    const account = await schoolWithBase();
    const { accountId } = account;
    const state = async (at: Date) => {
      const list = await getYearChecklist(accountId, at);
      return list ? list.items.map((item) => `${item.done ? "☑" : "☐"} ${item.title}`) : null;
    };
    expect(await state(new Date(`${next}-06-20T08:00:00Z`))).toBeNull();
    expect(await state(new Date(`${next}-11-02T08:00:00Z`))).toBeNull();
    setTestClock(july);
    await runYearlyArchive({ accountId, year: next, step: "ARCHIVE" });
    expect(await state(july)).toEqual([
      `☑ Archive de la base ${thisYear}-${next}`,
      `☐ Passage à la version ${next}`,
      `☐ Nouvelle base ${next}-${next + 1} en service`,
      "☐ Données de l'an passé récupérées",
      "☐ Mise à jour SIECLE et STSWEB importée",
      "☐ Courriers envoyés aux nouveaux utilisateurs",
    ]);
    setTestClock(august);
    await runYearlyChange({ accountId, year: next, step: "CHANGE" });
    const [archive] = await recoverableArchives(asResponsible(accountId), account.plannings[0].id);
    await recoverLastYear(asResponsible(accountId), account.plannings[0].id, { archiveId: archive.id, items: ["people"] });
    await db.auditEvent.create({ data: { accountId, actor: "responsable", action: "people.siecle-import", detail: "SIECLE" } });
    const list = await getYearChecklist(accountId, august);
    expect(list?.items.filter((item) => item.done).length).toBe(5);
    expect(list?.next?.title).toBe("Courriers envoyés aux nouveaux utilisateurs");
    expect(list?.items[1].at?.getTime()).toBeGreaterThanOrEqual(august.getTime());
    await db.letterBatch.create({
      data: {
        accountId,
        requestKey: "r1",
        actor: "responsable",
        output: "EMAIL",
        modelId: "m",
        modelName: "m",
        population: "ELEVES",
        total: 1,
        sent: 1,
      },
    });
    expect((await getYearChecklist(accountId, august))?.next).toBeNull();
    // A new account keeps the first rentrée's Fiches only.
    const fresh = await readyAccount();
    expect(await getYearChecklist(fresh.accountId, new Date(`${thisYear}-12-10T08:00:00Z`))).toBeNull();
  });
});
