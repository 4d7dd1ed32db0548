import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { readFileSync, existsSync, rmSync } from "node:fs";
import type { SMTPServer } from "smtp-server";
import { db } from "@/lib/db";
import { startMailCatcher } from "../scripts/mail-catcher";
import { listLetterModels } from "@/lib/server/letters/letter-models";
import { getLetterBatch } from "@/lib/server/letters/batch-progress";
import { MAX_BATCH, startLetterBatch } from "@/lib/server/letters/letter-batches";
import { SERVER_UNREACHABLE } from "@/lib/server/letters/run-letter-batch";
import { importPeople } from "@/lib/server/people/import-people";
import { startBackgroundWork, stopBackgroundWork } from "@/lib/server/jobs/background-work";
import { sendLettersSchema } from "@/lib/schemas/letters";
import { asResponsible, readyAccount, uniqueLabel } from "./support/fixtures";

// A mail server of this file's own, which the test stops and starts again in the middle of a batch.
const PORT = Number(process.env.TEST_SMTP_PORT || 2727) + 17;
const MAILBOX = ".data/test/faults-mailbox.jsonl";
let server: SMTPServer | null = null;
const startServer = async () => (server = await startMailCatcher({ port: PORT, mailbox: MAILBOX }));
const stopServer = () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

beforeAll(async () => {
  rmSync(MAILBOX, { force: true });
  // This file's e-mails go to its own server, at a provider's capped rate: the batch lasts seconds.
  process.env.SMTP_URL = `smtp://127.0.0.1:${PORT}`;
  process.env.SMTP_RATE_PER_SECOND = "100";
  await startServer();
  await startBackgroundWork();
});
afterAll(async () => {
  await stopBackgroundWork({ wait: false });
  await stopServer();
});

const received = (tag: string) => {
  const counts = new Map<string, number>();
  if (!existsSync(MAILBOX)) return counts;
  for (const line of readFileSync(MAILBOX, "utf8").split("\n").filter(Boolean)) {
    for (const to of (JSON.parse(line) as { to: string[] }).to) if (to.includes(tag)) counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function school(staff: number, tag: string) {
  const account = await readyAccount();
  const ctx = asResponsible(account.accountId);
  await db.sendingAccount.create({
    data: {
      accountId: account.accountId,
      kind: "PERSONAL",
      ownerKey: "responsable",
      name: "Secrétariat",
      email: `${tag}-envoi@ecole.test`,
      verifiedAt: new Date(),
      readyAt: new Date(),
    },
  });
  const rows = Array.from({ length: staff }, (_, i) => `Agent${i};Claude;agent${i}.${tag}@charge.test`);
  await importPeople(ctx, {
    population: "PERSONNELS",
    planningId: account.plannings[0].id,
    bytes: Buffer.from(["Nom;Prénom;E-mail", ...rows].join("\n")),
  });
  const model = (await listLetterModels(account.accountId)).find((m) => m.name === "Connexion des personnels")!.id;
  return { account, ctx, model };
}

describe("F16 faults: the mail server stops in the middle of a batch", () => {
  it("waits, says why, resumes when the server answers again: nobody e-mailed twice, every letter accounted for", async () => {
    const tag = uniqueLabel("panne");
    const total = 600;
    const s = await school(total, tag);
    const { batchId } = await startLetterBatch(s.ctx, {
      requestKey: randomUUID(),
      population: "PERSONNELS",
      modelId: s.model,
      output: "EMAIL",
      attachPdf: true,
      withQr: false,
      selection: { filter: {} },
    });
    for (let i = 0; i < 300 && received(tag).size < 100; i++) await sleep(50);
    await stopServer();
    const atStop = received(tag).size;
    expect(atStop).toBeLessThan(total);
    // Down for a while: the batch waits and tells why, nothing is reported lost for that.
    let waiting = await getLetterBatch(s.ctx, batchId);
    for (let i = 0; i < 100 && waiting.waitingReason !== SERVER_UNREACHABLE; i++) {
      await sleep(100);
      waiting = await getLetterBatch(s.ctx, batchId);
    }
    expect(waiting).toMatchObject({ status: "RUNNING", waitingReason: SERVER_UNREACHABLE });
    await sleep(3000);
    expect((await getLetterBatch(s.ctx, batchId)).status).toBe("RUNNING");

    await startServer();
    let done = await getLetterBatch(s.ctx, batchId);
    for (let i = 0; i < 600 && done.status !== "DONE"; i++) {
      await sleep(100);
      done = await getLetterBatch(s.ctx, batchId);
    }
    expect(done.status).toBe("DONE");
    expect(done.waitingReason).toBe("");
    const counts = received(tag);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
    expect(done.sent + done.failed).toBe(total);
    expect(counts.size).toBeGreaterThanOrEqual(done.sent);
    // Only what was on the wire when the server stopped may be reported, never a silent loss.
    for (const failure of done.failures) expect(failure.lastError).toContain("Envoi interrompu");
    expect(done.failed).toBeLessThanOrEqual(50);
  }, 120_000);
});

describe(`F16 a batch of more than ${MAX_BATCH} recipients`, () => {
  it("is refused up front with a French message, by keys or by the list's filter, and nothing is written", async () => {
    const tag = uniqueLabel("trop");
    const s = await school(1, tag);
    const keys = Array.from({ length: MAX_BATCH + 1 }, (_, i) => `person:x${i}`);
    const parsed = sendLettersSchema.safeParse({
      requestKey: randomUUID(),
      population: "ELEVES",
      modelId: s.model,
      output: "PDF",
      attachPdf: false,
      withQr: true,
      selection: { keys },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].message).toBe("Sélectionnez au plus 20 000 destinataires à la fois.");

    await db.espacePerson.createMany({
      data: Array.from({ length: MAX_BATCH + 1 }, (_, i) => ({
        accountId: s.account.accountId,
        population: "ELEVES",
        loginId: `e${i}.${tag}`,
        loginKey: `e${i}.${tag}`,
        lastName: `Élève${i}`,
        firstName: "Zoé",
      })),
    });
    const model = (await listLetterModels(s.account.accountId)).find((m) => m.name === "Connexion des élèves")!.id;
    await expect(
      startLetterBatch(s.ctx, {
        requestKey: randomUUID(),
        population: "ELEVES",
        modelId: model,
        output: "PDF",
        attachPdf: false,
        withQr: true,
        selection: { filter: {} },
      }),
    ).rejects.toThrow("Envoyez au plus 20 000 courriers à la fois : filtrez la liste (par classe, par exemple).");
    expect(await db.letterBatch.count({ where: { accountId: s.account.accountId } })).toBe(0);
  }, 60_000);
});
