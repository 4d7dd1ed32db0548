import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { PassThrough } from "node:stream";
import { db } from "@/lib/db";
import { readMailbox } from "@/lib/dev/outboxes";
import { listLetterModels } from "@/lib/server/letters/letter-models";
import { batchLetterChunks } from "@/lib/server/letters/batch-letters";
import { getLetterBatch } from "@/lib/server/letters/batch-progress";
import { startLetterBatch, type StartBatchInput } from "@/lib/server/letters/letter-batches";
import { runLetterBatch } from "@/lib/server/letters/run-letter-batch";
import { startBackgroundWork, stopBackgroundWork } from "@/lib/server/jobs/background-work";
import { jobs } from "@/lib/server/jobs/engine";
import { writeLettersPdfOffThread } from "@/lib/server/letters/pdf-pool";
import { importPeople } from "@/lib/server/people/import-people";
import { reissueProvisionalPasswords } from "@/lib/server/people/reissue-passwords";
import { chooseRecipients } from "@/lib/server/letters/choose-recipients";
import { createUser } from "@/lib/server/user/create-user";
import { hashSecret } from "@/lib/server/security/secrets";
import { readyAccount, uniqueLabel } from "./support/fixtures";

// The e-mails leave as jobs: this file runs the background work as an instance would.
beforeAll(() => startBackgroundWork());
afterAll(() => stopBackgroundWork({ wait: false }));

/** Every recipient of a population, in the list's order, with the name the tests look for. */
async function everyone(accountId: string, population: "ELEVES" | "PERSONNELS") {
  const chosen = await chooseRecipients(accountId, population, { filter: {} });
  const loginOf = new Map(
    (await db.controllerUser.findMany({ where: { accountId }, select: { id: true, loginId: true } })).map((u) => [
      `user:${u.id}`,
      u.loginId,
    ]),
  );
  return chosen.map((r) => ({ ...r, loginId: loginOf.get(r.key) ?? "" }));
}

async function school() {
  const account = await readyAccount();
  const ctx = { accountId: account.accountId, role: "HOSTING" as const, userId: null, actor: "responsable", ip: "127.0.0.1" };
  const planningId = (await db.planning.findFirstOrThrow({ where: { accountId: account.accountId } })).id;
  const models = await listLetterModels(account.accountId);
  const model = (name: string) => models.find((m) => m.name === name)!.id;
  return { account, ctx, planningId, model };
}

async function importStudents(s: Awaited<ReturnType<typeof school>>, count: number) {
  const lines = ["Nom;Prénom;Classe", ...Array.from({ length: count }, (_, i) => `Eleve${i};Zoé;3B`)];
  await importPeople(s.ctx, { population: "ELEVES", planningId: s.planningId, bytes: Buffer.from(lines.join("\n")) });
  return (await everyone(s.account.accountId, "ELEVES")).map((r) => r.key);
}

async function pdfOf(accountId: string, batchId: string) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  // As the route streams it: composed here, written by the PDF pool's worker thread.
  const { pages } = await writeLettersPdfOffThread(batchLetterChunks({ accountId }, batchId), out, { title: "t", author: "a" });
  return { pages, bytes: Buffer.concat(chunks) };
}

async function readySender(accountId: string, ownerKey = "responsable", extra: { kind?: string; allowedUserIds?: string } = {}) {
  const email = `${uniqueLabel("envoi")}@ecole.test`;
  await db.sendingAccount.create({
    data: {
      accountId,
      kind: extra.kind ?? "PERSONAL",
      ownerKey,
      name: "Secrétariat",
      email,
      verifiedAt: new Date(),
      readyAt: new Date(),
      allowedUserIds: extra.allowedUserIds ?? "",
    },
  });
  return email;
}

/** A batch as an instance that stopped left it: e-mails to send, its lease run out. */
async function strandedBatch(s: Awaited<ReturnType<typeof school>>, deliveries: { recipient: string; email: string; status?: string }[]) {
  const sender = await db.sendingAccount.findFirstOrThrow({ where: { accountId: s.account.accountId } });
  return db.letterBatch.create({
    data: {
      accountId: s.account.accountId,
      requestKey: randomUUID(),
      actor: "responsable",
      output: "EMAIL",
      modelId: s.model("Connexion des personnels"),
      modelName: "Connexion des personnels",
      population: "PERSONNELS",
      sendingAccountId: sender.id,
      total: deliveries.length,
      leaseUntil: new Date(Date.now() - 1000),
      deliveries: { create: deliveries.map((d, position) => ({ position, name: d.recipient, ...d })) },
    },
  });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("timed out");
}

describe("F16 sending letters: PDF", () => {
  it("streams one page per letter with a fresh token each, and a second download supersedes the first's QR codes", async () => {
    const s = await school();
    const keys = await importStudents(s, 30);
    const input: StartBatchInput = {
      requestKey: randomUUID(),
      population: "ELEVES",
      modelId: s.model("Connexion des élèves"),
      output: "PDF",
      attachPdf: false,
      withQr: true,
      selection: { keys },
    };
    const { batchId, total } = await startLetterBatch(s.ctx, input);
    expect(total).toBe(30);
    const first = await pdfOf(s.account.accountId, batchId);
    expect(first.pages).toBe(30);
    expect(first.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const live = () => db.letterToken.count({ where: { accountId: s.account.accountId, usedAt: null, revokedAt: null } });
    expect(await live()).toBe(30);
    await pdfOf(s.account.accountId, batchId);
    expect(await live()).toBe(30);
    expect(await db.letterToken.count({ where: { accountId: s.account.accountId } })).toBe(60);
    expect(await getLetterBatch(s.ctx, batchId)).toMatchObject({ status: "DONE", sent: 30, failed: 0 });
  });

  it("prints letters sans QR code for hand delivery: no token at all", async () => {
    const s = await school();
    const keys = await importStudents(s, 3);
    const { batchId } = await startLetterBatch(s.ctx, {
      requestKey: randomUUID(),
      population: "ELEVES",
      modelId: s.model("Connexion des élèves"),
      output: "PRINT",
      attachPdf: false,
      withQr: false,
      selection: { keys },
    });
    expect((await pdfOf(s.account.accountId, batchId)).pages).toBe(3);
    expect(await db.letterToken.count({ where: { accountId: s.account.accountId } })).toBe(0);
  });

  it("refuses a model of another population, a model with an unknown tag, and recipients of another account", async () => {
    const s = await school();
    const other = await school();
    const keys = await importStudents(s, 2);
    const foreignKeys = await importStudents(other, 2);
    const base = { requestKey: randomUUID(), population: "ELEVES" as const, output: "PDF" as const, attachPdf: false, withQr: true };
    await expect(startLetterBatch(s.ctx, { ...base, modelId: s.model("Connexion des personnels"), selection: { keys } })).rejects.toThrow(
      "Ce modèle est destiné à une autre population.",
    );
    await db.letterModel.update({ where: { id: s.model("Connexion des élèves") }, data: { text: "Bonjour [Nome]" } });
    await expect(startLetterBatch(s.ctx, { ...base, modelId: s.model("Connexion des élèves"), selection: { keys } })).rejects.toThrow(
      "balise inconnue",
    );
    await expect(startLetterBatch(s.ctx, { ...base, modelId: other.model("Connexion des élèves"), selection: { keys } })).rejects.toThrow(
      "Élément introuvable",
    );
    await expect(
      startLetterBatch(other.ctx, { ...base, requestKey: randomUUID(), modelId: other.model("Connexion des élèves"), selection: { keys } }),
    ).rejects.toThrow("Sélectionnez au moins un destinataire.");
    const mixed = await startLetterBatch(other.ctx, {
      ...base,
      requestKey: randomUUID(),
      modelId: other.model("Connexion des élèves"),
      selection: { keys: [...keys, ...foreignKeys] },
    });
    expect(mixed.total).toBe(2);
    expect(await db.letterBatch.count({ where: { accountId: s.account.accountId } })).toBe(0);
  });
});

describe("F16 sending letters: e-mail", () => {
  it("sends nothing without a verified sending account", async () => {
    const s = await school();
    await db.sendingAccount.create({
      data: {
        accountId: s.account.accountId,
        kind: "PERSONAL",
        ownerKey: "responsable",
        name: "X",
        email: "x@ecole.test",
        verifiedAt: new Date(),
      },
    });
    const keys = (await everyone(s.account.accountId, "PERSONNELS")).map((r) => r.key);
    await expect(
      startLetterBatch(s.ctx, {
        requestKey: randomUUID(),
        population: "PERSONNELS",
        modelId: s.model("Connexion des personnels"),
        output: "EMAIL",
        attachPdf: true,
        withQr: false,
        selection: { keys },
      }),
    ).rejects.toThrow("Aucun compte d'envoi vérifié");
    expect(await db.letterBatch.count({ where: { accountId: s.account.accountId } })).toBe(0);
  });

  it("e-mails each staff member once with the PDF, sets aside those without an address, retries a refusal for the moment and reports a lasting one", async () => {
    const s = await school();
    const from = await readySender(s.account.accountId);
    const label = uniqueLabel("staff");
    const ctxUsers = { accountId: s.account.accountId, actor: "responsable", ip: "127.0.0.1" };
    const emails = { ok: `${label}.ok@ecole.test`, retry: `${label}+retry@ecole.test`, refused: `${label}@refus.test` };
    for (const [loginId, email] of [
      ["ok", emails.ok],
      ["retry", emails.retry],
      ["refused", emails.refused],
      ["sans", ""],
    ]) {
      const user = await createUser(ctxUsers, { loginId: `${label}-${loginId}`, lastName: "Durand", firstName: loginId });
      await db.controllerUser.update({ where: { id: user.id }, data: { email } });
    }
    const keys = (await everyone(s.account.accountId, "PERSONNELS")).filter((r) => r.loginId.startsWith(label)).map((r) => r.key);
    const input: StartBatchInput = {
      requestKey: randomUUID(),
      population: "PERSONNELS",
      modelId: s.model("Connexion des personnels"),
      output: "EMAIL",
      attachPdf: true,
      withQr: true,
      selection: { keys },
    };
    // A double click: the same request twice, at once.
    const [a, b] = await Promise.all([startLetterBatch(s.ctx, input), startLetterBatch(s.ctx, input)]);
    expect(a.batchId).toBe(b.batchId);
    expect(a.withoutEmail).toBe(1);
    const done = await until(
      () => getLetterBatch(s.ctx, a.batchId),
      (p) => p.status === "DONE",
    );
    expect(done).toMatchObject({ total: 4, sent: 2, failed: 1, withoutEmail: 1 });
    // 550 is a lasting refusal: reported after one try; the 451 was tried again and delivered.
    expect(done.failures).toEqual([
      { name: "DURAND refused", email: emails.refused, mobile: "", attempts: 1, lastError: expect.stringContaining("550") },
    ]);
    expect(JSON.stringify(done.failures)).not.toMatch(/Mot de passe/);
    const mails = readMailbox().filter((m) => [emails.ok, emails.retry].some((e) => m.to.includes(e)));
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.from).toContain(from);
      expect(mail.subject).toBe("Connexion des personnels");
      expect(mail.text).toMatch(/Mot de passe provisoire : \S{10,}/);
      expect(mail.attachments).toEqual([{ filename: "courrier.pdf", size: expect.any(Number) }]);
    }
    // Run again (a second instance, a retry): nothing is sent twice.
    await db.letterBatch.update({ where: { id: a.batchId }, data: { status: "RUNNING", leaseUntil: null } });
    await runLetterBatch(a.batchId);
    expect(readMailbox().filter((m) => [emails.ok, emails.retry].some((e) => m.to.includes(e)))).toHaveLength(2);
    // The one without an address gets a printed letter.
    expect((await pdfOf(s.account.accountId, a.batchId)).pages).toBe(1);
  });

  it("starts the same sending once when it is asked 50 times at once from as many tabs: each person receives one e-mail", async () => {
    const s = await school();
    await readySender(s.account.accountId);
    const label = uniqueLabel("onglets");
    const ctxUsers = { accountId: s.account.accountId, actor: "responsable", ip: "127.0.0.1" };
    for (const name of ["a", "b", "c"]) {
      const user = await createUser(ctxUsers, { loginId: `${label}-${name}`, lastName: "Onglet", firstName: name });
      await db.controllerUser.update({ where: { id: user.id }, data: { email: `${label}-${name}@ecole.test` } });
    }
    const keys = (await everyone(s.account.accountId, "PERSONNELS")).filter((r) => r.loginId.startsWith(label)).map((r) => r.key);
    // Each tab names its own request; the sending asked is the same.
    const started = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        startLetterBatch(s.ctx, {
          requestKey: randomUUID(),
          population: "PERSONNELS",
          modelId: s.model("Connexion des personnels"),
          output: "EMAIL",
          attachPdf: false,
          withQr: false,
          selection: { keys: i % 2 ? keys : [...keys].reverse() },
        }),
      ),
    );
    expect(new Set(started.map((b) => b.batchId)).size).toBe(1);
    expect(started.filter((b) => !b.already)).toHaveLength(1);
    expect(await db.letterBatch.count({ where: { accountId: s.account.accountId } })).toBe(1);
    await until(
      () => getLetterBatch(s.ctx, started[0].batchId),
      (p) => p.status === "DONE",
    );
    const mails = readMailbox().filter((m) => m.to.some((t) => t.startsWith(`${label}-`)));
    expect(mails).toHaveLength(3);
  });

  it("never prints a personalized password, and a new provisional password can be issued instead", async () => {
    const s = await school();
    const keys = await importStudents(s, 1);
    await db.espacePerson.updateMany({
      where: { accountId: s.account.accountId },
      data: { passwordHash: await hashSecret("Perso-2026!x"), provisionalPasswordEnc: null },
    });
    const { composeLetters, PERSONALIZED_PASSWORD } = await import("@/lib/server/letters/compose-letters");
    const { loadLetterRecipients } = await import("@/lib/server/letters/letter-recipients");
    const model = (await db.letterModel.findUniqueOrThrow({ where: { id: s.model("Connexion des élèves") } })).text;
    const recipients = await loadLetterRecipients(s.account.accountId, "ELEVES", keys);
    const [letter] = await composeLetters({ modelText: model, withQr: true, establishment: "Lycée" }, recipients);
    expect(letter.letter.qr).toBeNull();
    // The original model's wording follows the password's state: nothing provisional is promised.
    const personalizedText = letter.lines.map((l) => l.text).join("\n");
    expect(personalizedText).toContain("Mot de passe : celui que vous avez choisi (il n'est pas imprimé).");
    expect(personalizedText).not.toContain("vous choisirez un mot de passe personnel");
    expect(personalizedText).not.toContain("Mot de passe provisoire");
    // A model written before the state tags still never prints the password.
    const [older] = await composeLetters(
      { modelText: "Mot de passe provisoire : [Mot de passe]", withQr: false, establishment: "Lycée" },
      recipients,
    );
    expect(older.lines[0].text).toContain(PERSONALIZED_PASSWORD);
    await reissueProvisionalPasswords(s.ctx, "ELEVES", { keys });
    const [again] = await composeLetters(
      { modelText: model, withQr: true, establishment: "Lycée" },
      await loadLetterRecipients(s.account.accountId, "ELEVES", keys),
    );
    expect(again.letter.qr).not.toBeNull();
    expect(again.lines.map((l) => l.text).join("\n")).not.toContain(PERSONALIZED_PASSWORD);
    expect(again.lines.map((l) => l.text).join("\n")).toContain("vous choisirez un mot de passe personnel");
  });
});

describe("F16 a batch left and found again", () => {
  it("is carried on by a live instance's recovery once its instance stopped, with no page open; the e-mail caught mid-send is reported, not sent twice", async () => {
    const s = await school();
    await readySender(s.account.accountId);
    const label = uniqueLabel("reprise");
    const ctxUsers = { accountId: s.account.accountId, actor: "responsable", ip: "127.0.0.1" };
    for (const name of ["a", "b", "c"]) {
      const user = await createUser(ctxUsers, { loginId: `${label}-${name}`, lastName: "Reprise", firstName: name });
      await db.controllerUser.update({ where: { id: user.id }, data: { email: `${label}-${name}@ecole.test` } });
    }
    const keys = (await everyone(s.account.accountId, "PERSONNELS")).filter((r) => r.loginId.startsWith(label)).map((r) => r.key);
    // The instance that started the batch stopped in the middle of the first e-mail.
    const batch = await strandedBatch(
      s,
      keys.map((recipient, i) => ({
        recipient,
        email: `${label}-${["a", "b", "c"][i]}@ecole.test`,
        status: i === 0 ? "SENDING" : "PENDING",
      })),
    );
    // The minute's recovery job, as the schedule sends it.
    await jobs().send("letters.recover", {});
    const done = await until(
      () => getLetterBatch(s.ctx, batch.id),
      (p) => p.status === "DONE",
    );
    expect(done).toMatchObject({ sent: 2, failed: 1 });
    expect(done.failures[0].lastError).toContain("Envoi interrompu");
    expect(readMailbox().filter((m) => m.to.some((t) => t.startsWith(`${label}-`)))).toHaveLength(2);
  });

  it("stops sending when its account is no longer verified", async () => {
    const s = await school();
    await readySender(s.account.accountId);
    const [key] = (await everyone(s.account.accountId, "PERSONNELS")).map((r) => r.key);
    const email = `${uniqueLabel("plus-verifie")}@ecole.test`;
    const batch = await strandedBatch(s, [{ recipient: key, email }]);
    // The address is being changed (the wizard started again): it is unverified until the new code.
    await db.sendingAccount.updateMany({ where: { accountId: s.account.accountId }, data: { readyAt: null, verifiedAt: null } });
    await runLetterBatch(batch.id);
    const done = await getLetterBatch(s.ctx, batch.id);
    expect(done).toMatchObject({ status: "DONE", sent: 0, failed: 1 });
    expect(done.failures[0].lastError).toContain("Aucun compte d'envoi vérifié");
    expect(readMailbox().filter((m) => m.to.includes(email))).toHaveLength(0);
  });
});

describe("F16 Aperçu", () => {
  it("shows the letter the PDF prints, from the same merge: the Espace's name, the date, the QR code's place, secrets masked", async () => {
    const s = await school();
    const keys = await importStudents(s, 2);
    const { composeLetters } = await import("@/lib/server/letters/compose-letters");
    const { previewLetterOf } = await import("@/lib/server/letters/batch-letters");
    const { loadLetterRecipients } = await import("@/lib/server/letters/letter-recipients");
    const modelId = s.model("Connexion des élèves");
    const tokensBefore = await db.letterToken.count({ where: { accountId: s.account.accountId } });
    const preview = await previewLetterOf(s.ctx, { population: "ELEVES", modelId, withQr: true, recipientKey: keys[0] });
    // No token issued for a preview: the letters already given out keep working.
    expect(await db.letterToken.count({ where: { accountId: s.account.accountId } })).toBe(tokensBefore);
    const model = (await db.letterModel.findUniqueOrThrow({ where: { id: modelId } })).text;
    const [printed] = await composeLetters(
      {
        modelText: model,
        withQr: true,
        establishment: (await db.hostingAccount.findUniqueOrThrow({ where: { id: s.account.accountId } })).establishment,
      },
      await loadLetterRecipients(s.account.accountId, "ELEVES", [keys[0]]),
    );
    const secrets = [
      printed.recipient.provisionalPassword!,
      ...printed.lines.map((l) => /\b\d{4}\b/.exec(l.text)?.[0]).filter((c): c is string => Boolean(c)),
    ];
    const mask = (text: string) => secrets.reduce((t, secret) => t.replaceAll(secret, "•"), text).replace(/•+/g, "•");
    expect(preview.withQr).toBe(true);
    expect(preview.lines.map((l) => mask(l.text))).toEqual(printed.lines.map((l) => mask(l.text)));
    expect(preview.lines.map((l) => l.text).join("\n")).toContain("Espace Élèves");
    expect(preview.lines.map((l) => l.text).join("\n")).not.toContain(printed.recipient.provisionalPassword!);
    // Another account's recipient is nobody's preview.
    const other = await school();
    const foreign = await importStudents(other, 1);
    await expect(previewLetterOf(s.ctx, { population: "ELEVES", modelId, withQr: true, recipientKey: foreign[0] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("keeps the staff's letters without QR code, whatever the window asks", async () => {
    const s = await school();
    const user = await createUser(s.ctx, { loginId: "agent01", lastName: "Agent", firstName: "Claude" });
    const { batchId } = await startLetterBatch(s.ctx, {
      requestKey: randomUUID(),
      population: "PERSONNELS",
      modelId: s.model("Connexion des personnels"),
      output: "PDF",
      attachPdf: false,
      withQr: true,
      selection: { keys: [`user:${user.id}`] },
    });
    expect(await getLetterBatch(s.ctx, batchId)).toMatchObject({ withQr: false, hasQr: false });
  });
});
