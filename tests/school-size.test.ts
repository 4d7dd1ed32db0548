import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { PassThrough } from "node:stream";
import { db } from "@/lib/db";
import { listLetterModels } from "@/lib/server/letters/letter-models";
import { batchLetters } from "@/lib/server/letters/batch-letters";
import { startLetterBatch } from "@/lib/server/letters/letter-batches";
import { writeLettersPdf } from "@/lib/server/letters/letters-pdf";
import { chooseRecipients } from "@/lib/server/letters/choose-recipients";
import { listRecipients, RECIPIENTS_PAGE_SIZE } from "@/lib/server/letters/recipients";
import { issueLetterTokens } from "@/lib/server/letters/letter-tokens";
import { importPeople } from "@/lib/server/people/import-people";
import { reissueProvisionalPasswords } from "@/lib/server/people/reissue-passwords";
import { createUsers } from "@/lib/server/user/create-user";
import { assignProfile } from "@/lib/server/profile/assign-profile";
import { applyAssignmentModel, saveAssignmentModel } from "@/lib/server/profile/assignment-models";
import { listUsersPage, USERS_PAGE_SIZE } from "@/lib/server/user/list-users";
import { everyAuditEvent, JOURNAL_PAGE_SIZE, listAuditEvents } from "@/lib/server/hosting-account/get-console-overview";
import { asResponsible, readyAccount } from "./support/fixtures";

// A lycée's size: every operation on people and users works on 5,000 rows. Prisma's SQLite adapter
// refuses a statement with more than ~999 bound values, so any `IN (…)` of a request's list would
// fail here from the thousandth.
const SCHOOL = 5000;

let school: Awaited<ReturnType<typeof readyAccount>>;
let ctx: ReturnType<typeof asResponsible>;
let pupils: string[];

beforeAll(async () => {
  school = await readyAccount();
  ctx = asResponsible(school.accountId);
  // Classes of 35, names with accents: "Zoé" is found as "zoe".
  const rows = Array.from(
    { length: SCHOOL },
    (_, i) => `Élève${String(i).padStart(4, "0")};${i % 7 === 0 ? "Zoé" : "Lucas"};${`2nde${String(Math.floor(i / 35)).padStart(3, "0")}`}`,
  );
  await importPeople(ctx, {
    population: "ELEVES",
    planningId: school.plannings[0].id,
    bytes: Buffer.from(["Nom;Prénom;Classe", ...rows].join("\n")),
  });
  pupils = (await chooseRecipients(school.accountId, "ELEVES", { filter: {} })).map((r) => r.key);
}, 120_000);

describe(`School size: ${SCHOOL} pupils`, () => {
  it("lists them a page at a time, searched (accents aside) and filtered on the server", async () => {
    const first = await listRecipients(school.accountId, "ELEVES");
    expect(first).toMatchObject({
      populationTotal: SCHOOL,
      total: SCHOOL,
      page: 1,
      pageCount: SCHOOL / RECIPIENTS_PAGE_SIZE,
      personalized: 0,
    });
    expect(first.rows).toHaveLength(RECIPIENTS_PAGE_SIZE);
    expect(first.groups).toHaveLength(Math.ceil(SCHOOL / 35));
    const last = await listRecipients(school.accountId, "ELEVES", {}, 10_000);
    expect(last.page).toBe(last.pageCount);
    // Pages do not overlap and cover everyone, in the list's order.
    const seen = new Set<string>();
    for (let page = 1; page <= 3; page++)
      for (const row of (await listRecipients(school.accountId, "ELEVES", {}, page)).rows) seen.add(row.key);
    expect(seen.size).toBe(3 * RECIPIENTS_PAGE_SIZE);
    expect([...seen].slice(0, 3)).toEqual(pupils.slice(0, 3));

    const zoes = await listRecipients(school.accountId, "ELEVES", { search: "ZOE" });
    expect(zoes.total).toBe(Math.ceil(SCHOOL / 7));
    expect(zoes.rows.every((r) => r.firstName === "Zoé")).toBe(true);
    const byLogin = await listRecipients(school.accountId, "ELEVES", { search: "zoe.eleve0007" });
    expect(byLogin.rows.map((r) => r.loginId)).toEqual(["zoe.eleve0007"]);
    const klass = await listRecipients(school.accountId, "ELEVES", { group: "2nde003" });
    expect(klass.total).toBe(35);
    expect(klass.rows.every((r) => r.group === "2nde003")).toBe(true);
  });

  it("starts a batch for the whole filter or for 5,000 ticked keys, and streams the PDF of every letter", async () => {
    const model = (await listLetterModels(school.accountId)).find((m) => m.name === "Connexion des élèves")!.id;
    const base = { population: "ELEVES" as const, modelId: model, output: "PDF" as const, attachPdf: false, withQr: true };
    const byFilter = await startLetterBatch(ctx, { ...base, requestKey: randomUUID(), selection: { filter: {} } });
    expect(byFilter.total).toBe(SCHOOL);
    const byKeys = await startLetterBatch(ctx, { ...base, requestKey: randomUUID(), selection: { keys: pupils } });
    expect(byKeys.total).toBe(SCHOOL);
    const oneClass = await startLetterBatch(ctx, { ...base, requestKey: randomUUID(), selection: { filter: { group: "2nde010" } } });
    expect(oneClass.total).toBe(35);

    const out = new PassThrough();
    let bytes = 0;
    out.on("data", (chunk: Buffer) => (bytes += chunk.length));
    const { pages } = await writeLettersPdf(batchLetters(ctx, byKeys.batchId), out, { title: "t", author: "a" });
    expect(pages).toBe(SCHOOL);
    expect(bytes).toBeGreaterThan(SCHOOL * 500);
    expect(await db.letterToken.count({ where: { accountId: school.accountId, usedAt: null, revokedAt: null } })).toBe(SCHOOL);
    expect(await db.letterBatch.findUniqueOrThrow({ where: { id: byKeys.batchId } })).toMatchObject({ status: "DONE", sent: SCHOOL });
  }, 120_000);

  it("supersedes 5,000 holders' tokens in one call", async () => {
    const holders = (await db.espacePerson.findMany({ where: { accountId: school.accountId }, select: { id: true } })).map((p) => ({
      kind: "person" as const,
      id: p.id,
      accountId: school.accountId,
    }));
    await db.$transaction((tx) => issueLetterTokens(tx, holders));
    await db.$transaction((tx) => issueLetterTokens(tx, holders));
    expect(await db.letterToken.count({ where: { accountId: school.accountId, usedAt: null, revokedAt: null } })).toBe(SCHOOL);
  });

  it("gives 5,000 personalized pupils new provisional passwords, by keys or by the filter", async () => {
    await db.espacePerson.updateMany({
      where: { accountId: school.accountId },
      data: { passwordHash: "argon2id-placeholder", provisionalPasswordEnc: null },
    });
    expect((await listRecipients(school.accountId, "ELEVES")).personalized).toBe(SCHOOL);
    expect(await reissueProvisionalPasswords(ctx, "ELEVES", { keys: pupils })).toEqual({ count: SCHOOL });
    expect(
      await db.espacePerson.count({ where: { accountId: school.accountId, passwordHash: null, provisionalPasswordEnc: { not: null } } }),
    ).toBe(SCHOOL);
    expect(await db.letterToken.count({ where: { accountId: school.accountId, usedAt: null, revokedAt: null } })).toBe(0);

    await db.espacePerson.updateMany({
      where: { accountId: school.accountId },
      data: { passwordHash: "argon2id-placeholder", provisionalPasswordEnc: null },
    });
    expect(await reissueProvisionalPasswords(ctx, "ELEVES", { filter: { password: "PERSONALIZED" } })).toEqual({ count: SCHOOL });
    expect((await listRecipients(school.accountId, "ELEVES", { password: "PERSONALIZED" })).total).toBe(0);
  }, 60_000);
});

describe(`School size: ${SCHOOL} users of the controller`, () => {
  it("creates them, lists them as Personnels across the users' and the people's pages, assigns them a profile and copies it by a model", async () => {
    const users = Array.from({ length: SCHOOL }, (_, i) => ({
      loginId: `agent${i}`,
      lastName: `Agent${String(i).padStart(4, "0")}`,
      firstName: "Claude",
    }));
    await createUsers(ctx, users);
    const staff = await listRecipients(school.accountId, "PERSONNELS", {}, SCHOOL / RECIPIENTS_PAGE_SIZE + 1);
    // 5,000 users and the superadministrator: the last page holds the last user.
    expect(staff.total).toBe(SCHOOL + 1);
    expect(staff.rows.map((r) => r.loginId)).toEqual(["sadmin"]);

    const ids = (await db.controllerUser.findMany({ where: { accountId: school.accountId, status: "USER" }, select: { id: true } })).map(
      (u) => u.id,
    );
    expect(ids).toHaveLength(SCHOOL);
    const [planning, other] = school.plannings;
    await assignProfile(ctx, planning.id, "CONSULTATION", ids);
    expect(await db.profileAssignment.count({ where: { planningId: planning.id } })).toBe(SCHOOL);
    const journal = await db.auditEvent.findFirstOrThrow({
      where: { accountId: school.accountId, action: "profile.assign" },
      orderBy: { createdAt: "desc" },
    });
    expect(journal.detail.length).toBeLessThan(600);

    const model = await saveAssignmentModel(ctx, planning.id, "Rentrée");
    expect(model.count).toBe(SCHOOL);
    expect(await applyAssignmentModel(ctx, other.id, model.id)).toEqual({ added: SCHOOL, skipped: 0 });
  }, 120_000);
});

describe("School size: the controller's list and the journal", () => {
  it("pages and searches 5,000 users on the server", async () => {
    const first = await listUsersPage(school.accountId);
    expect(first).toMatchObject({ page: 1, pageCount: Math.ceil((SCHOOL + 1) / USERS_PAGE_SIZE) });
    expect(first.rows).toHaveLength(USERS_PAGE_SIZE);
    const found = await listUsersPage(school.accountId, { search: "AGENT0042" });
    expect(found.rows.map((u) => u.loginId)).toEqual(["agent42"]);
  });

  it("pages a journal of 12,000 lines and exports every one of them (the export stopped at 10,000)", async () => {
    const now = Date.now();
    await db.auditEvent.createMany({
      data: Array.from({ length: 12_000 }, (_, i) => ({
        accountId: school.accountId,
        actor: "responsable",
        action: "user.update",
        detail: `ligne ${i}`,
        createdAt: new Date(now - i * 1000),
      })),
    });
    const total = await db.auditEvent.count({ where: { accountId: school.accountId } });
    const first = await listAuditEvents(school.accountId);
    expect(first).toMatchObject({ total, page: 1, pageCount: Math.ceil(total / JOURNAL_PAGE_SIZE) });
    const second = await listAuditEvents(school.accountId, 2);
    expect(second.rows[0].createdAt.getTime()).toBeLessThanOrEqual(first.rows.at(-1)!.createdAt.getTime());
    let exported = 0;
    for await (const event of everyAuditEvent(school.accountId)) if (event.accountId === school.accountId) exported++;
    expect(exported).toBe(total);
  }, 60_000);
});
