import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { checkModel } from "@/lib/letters/model-tags";
import { MOBILE_POPULATIONS, type Population } from "@/lib/letters/original-models";
import { AppError, isUniqueViolation, notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { usableSendingAccount } from "@/lib/server/sending-account/personal-account";
import { jobs } from "@/lib/server/jobs/engine";
import { composeLetters, previewLetter } from "./compose-letters";
import type { Letter } from "./letters-pdf";
import { chooseRecipients, type RecipientSelection } from "./choose-recipients";
import { loadLetterRecipients } from "./letter-recipients";
import type { ConsoleActor } from "@/lib/server/actor";

export type LetterOutput = "PRINT" | "PDF" | "EMAIL";

export type StartBatchInput = {
  requestKey: string;
  population: Population;
  modelId: string;
  output: LetterOutput;
  attachPdf: boolean;
  withQr: boolean;
  selection: RecipientSelection;
};

/**
 * Letters composed at a time for a PDF (their tokens issued together). Composing holds the event
 * loop ~1 ms a letter (the rows, the merge, the QR payload): 50 keep every other page waiting less
 * than ~60 ms, while the worker writes the pages.
 */
const CHUNK = 50;

export const NO_SENDING_ACCOUNT =
  "Aucun compte d'envoi vérifié : paramétrez l'envoi d'e-mails (Communication > Paramétrer l'envoi d'e-mails) avant d'envoyer.";

export async function modelOf(accountId: string, modelId: string, population: Population) {
  const model = await db.letterModel.findFirst({ where: { id: modelId, accountId } });
  if (!model) throw notFound();
  if (model.population !== population) throw new AppError("MODEL_POPULATION", "Ce modèle est destiné à une autre population.", "modelId");
  if (checkModel(model.text).length > 0) {
    throw new AppError(
      "MODEL_INVALID",
      "Ce modèle contient une balise inconnue ou mal formée : corrigez-le dans Courriers et documents > Modèles.",
      "modelId",
    );
  }
  return model;
}

/**
 * "Imprimer / Générer / Mailer": records once what is to be sent to whom — one delivery per
 * recipient, which every later step reads back a chunk at a time. The dialog names the request, so
 * a double click or a retry finds the batch it already started instead of sending twice. E-mails
 * go out in the background (a job, run by whichever instance is alive); a PDF is made when it is
 * downloaded. Recipients without an e-mail address are set aside for a printed letter.
 */
export async function startLetterBatch(ctx: ConsoleActor, input: StartBatchInput) {
  const [dedupeKey, previousKey] = dedupeKeys(input);
  const existing = await db.letterBatch.findFirst({
    where: { accountId: ctx.accountId, OR: [{ requestKey: input.requestKey }, { dedupeKey: { in: [dedupeKey, previousKey] } }] },
    select: { id: true },
  });
  if (existing) return summary(existing.id, ctx.accountId, true);

  const model = await modelOf(ctx.accountId, input.modelId, input.population);
  const recipients = await chooseRecipients(ctx.accountId, input.population, input.selection);
  if (recipients.length === 0) throw new AppError("NO_RECIPIENT", "Sélectionnez au moins un destinataire.", "selection");
  if (recipients.length > MAX_BATCH) {
    throw new AppError("TOO_MANY", "Envoyez au plus 20 000 courriers à la fois : filtrez la liste (par classe, par exemple).", "selection");
  }
  const sender = input.output === "EMAIL" ? await usableSendingAccount(ctx) : null;
  if (input.output === "EMAIL" && !sender) throw new AppError("NO_SENDING_ACCOUNT", NO_SENDING_ACCOUNT);

  let batchId: string;
  try {
    batchId = await db.$transaction(
      async (tx) => {
        const batch = await tx.letterBatch.create({
          data: {
            accountId: ctx.accountId,
            requestKey: input.requestKey,
            dedupeKey,
            actor: ctx.actor,
            output: input.output,
            attachPdf: input.output === "EMAIL" && input.attachPdf,
            // The staff's letters have no QR code, whatever the window asked.
            withQr: input.withQr && MOBILE_POPULATIONS.includes(input.population),
            modelId: model.id,
            modelName: model.name,
            population: input.population,
            sendingAccountId: sender?.id ?? null,
            total: recipients.length,
          },
        });
        await tx.letterDelivery.createMany({
          data: recipients.map((r, position) => ({
            batchId: batch.id,
            position,
            recipient: r.key,
            name: `${r.lastName.toUpperCase()} ${r.firstName}`,
            email: input.output === "EMAIL" ? r.email : "",
            status: input.output === "EMAIL" && !r.email ? "PRINT" : "PENDING",
          })),
        });
        await recordAuditEvent(
          {
            accountId: ctx.accountId,
            actor: ctx.actor,
            ip: ctx.ip,
            action: "letters.batch",
            detail: `${model.name} : ${recipients.length} destinataire(s), sortie ${input.output}${input.withQr ? "" : ", sans QR code"}`,
          },
          tx,
        );
        return batch.id;
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The same request or the same sending, a moment earlier in another tab or instance.
    const same = await db.letterBatch.findFirst({
      where: { accountId: ctx.accountId, OR: [{ requestKey: input.requestKey }, { dedupeKey }] },
      select: { id: true },
    });
    if (!same) throw error;
    return summary(same.id, ctx.accountId, true);
  }
  // Should this job be lost (the instance stopped right here), the minute's recovery sends another.
  if (input.output === "EMAIL")
    await jobs()
      .send("letters.batch", { batchId })
      .catch((error) => console.error("letters: job not sent", batchId, error));
  return summary(batchId, ctx.accountId);
}

/** A batch names at most this many recipients (a lycée's largest population fits three times). */
export const MAX_BATCH = 20_000;

/** The same sending asked again this soon (a second tab, a retry after a timeout) is the batch already started. */
const DEDUPE_WINDOW_MS = 10 * 60_000;

/** What is asked, hashed, with this ten minutes' slot and the previous one's. */
function dedupeKeys(input: StartBatchInput, now = Date.now()): [string, string] {
  const { selection } = input;
  const whom = selection.filter
    ? { filter: { group: selection.filter.group ?? "", search: selection.filter.search ?? "", password: selection.filter.password ?? "" } }
    : { keys: [...new Set(selection.keys ?? [])].sort() };
  const what = createHash("sha256")
    .update(JSON.stringify([input.population, input.modelId, input.output, input.attachPdf, input.withQr, whom]))
    .digest("hex");
  const slot = Math.floor(now / DEDUPE_WINDOW_MS);
  return [`${what}:${slot}`, `${what}:${slot - 1}`];
}

async function summary(batchId: string, accountId: string, already = false) {
  const batch = await db.letterBatch.findFirst({ where: { id: batchId, accountId } });
  if (!batch) throw notFound();
  const withoutEmail = await db.letterDelivery.count({ where: { batchId, status: "PRINT" } });
  return {
    batchId,
    output: batch.output as LetterOutput,
    total: batch.total,
    withoutEmail,
    already,
    createdAt: batch.createdAt.toISOString(),
  };
}

/**
 * The progress a page shows — sent, failed, waiting, the rate and the time left — and the
 * recipients an e-mail could not reach, with the reason. It only reads: the sending is a job.
 */
export async function getLetterBatch(ctx: Pick<ConsoleActor, "accountId">, batchId: string) {
  const batch = await db.letterBatch.findFirst({ where: { id: batchId, accountId: ctx.accountId } });
  if (!batch) throw notFound();
  const [failures, withoutEmail] = await Promise.all([
    db.letterDelivery.findMany({
      where: { batchId, status: "FAILED" },
      select: { name: true, email: true, lastError: true, attempts: true },
      orderBy: { position: "asc" },
      take: 500,
    }),
    db.letterDelivery.count({ where: { batchId, status: "PRINT" } }),
  ]);
  const waiting = batch.status === "RUNNING" ? Math.max(0, batch.total - withoutEmail - batch.sent - batch.failed) : 0;
  const end = batch.finishedAt ?? new Date();
  const seconds = batch.startedAt ? Math.max(1, (end.getTime() - batch.startedAt.getTime()) / 1000) : 0;
  const perSecond = seconds > 0 ? (batch.sent + batch.failed) / seconds : 0;
  return {
    id: batch.id,
    output: batch.output as LetterOutput,
    modelName: batch.modelName,
    population: batch.population,
    withQr: batch.withQr,
    hasQr: MOBILE_POPULATIONS.includes(batch.population as Population),
    total: batch.total,
    sent: batch.sent,
    failed: batch.failed,
    waiting,
    withoutEmail,
    status: batch.status,
    waitingReason: batch.waitingReason,
    perSecond: Math.round(perSecond * 10) / 10,
    secondsLeft: waiting > 0 && perSecond > 0 ? Math.ceil(waiting / perSecond) : null,
    createdAt: batch.createdAt.toISOString(),
    failures,
  };
}

export async function listLetterBatches(accountId: string) {
  return db.letterBatch.findMany({ where: { accountId }, orderBy: { createdAt: "desc" }, take: 20 });
}

async function establishmentOf(accountId: string) {
  return (await db.hostingAccount.findUniqueOrThrow({ where: { id: accountId }, select: { establishment: true } })).establishment;
}

/** The batch's recipients of `keys`, composed into letters (tokens issued now, in one transaction). */
export async function compose(
  batch: { accountId: string; modelId: string; population: string; withQr: boolean },
  keys: string[],
  qr: boolean,
) {
  const model = await modelOf(batch.accountId, batch.modelId, batch.population as Population);
  const recipients = await loadLetterRecipients(batch.accountId, batch.population as Population, keys);
  return composeLetters(
    { modelText: model.text, withQr: batch.withQr && qr, establishment: await establishmentOf(batch.accountId) },
    recipients,
  );
}

/**
 * "Aperçu": the letter of one recipient of the list (the first chosen), merged as the PDF merges it
 * (its Espace's name and address, the date, the QR code's place), its secrets masked.
 */
export async function previewLetterOf(
  ctx: Pick<ConsoleActor, "accountId">,
  input: { population: Population; modelId: string; withQr: boolean; recipientKey: string },
) {
  const model = await modelOf(ctx.accountId, input.modelId, input.population);
  const [recipient] = await loadLetterRecipients(ctx.accountId, input.population, [input.recipientKey]);
  if (!recipient) throw notFound();
  return previewLetter({ modelText: model.text, withQr: input.withQr, establishment: await establishmentOf(ctx.accountId) }, recipient);
}

/** The batch's counters, read from its deliveries (two indexed counts). */
export async function refreshCounters(
  batchId: string,
  extra: { leaseUntil?: Date | null; status?: string; finishedAt?: Date; waitingReason?: string } = {},
) {
  const [sent, failed] = await Promise.all([
    db.letterDelivery.count({ where: { batchId, status: "SENT" } }),
    db.letterDelivery.count({ where: { batchId, status: "FAILED" } }),
  ]);
  await db.letterBatch.update({ where: { id: batchId }, data: { sent, failed, ...extra } });
}

/**
 * The letters of a PDF or printed batch — or an e-mail batch's recipients without an address — as
 * they are composed, a chunk at a time, for a streamed PDF. Each download issues fresh tokens: the
 * latest letter is the one whose QR code works.
 */
export async function* batchLetterChunks(ctx: Pick<ConsoleActor, "accountId">, batchId: string): AsyncGenerator<Letter[]> {
  const batch = await db.letterBatch.findFirst({ where: { id: batchId, accountId: ctx.accountId } });
  if (!batch) throw notFound();
  const statuses = batch.output === "EMAIL" ? ["PRINT"] : ["PENDING", "SENT"];
  for (let from = 0; ; ) {
    const chunk = await db.letterDelivery.findMany({
      where: { batchId, status: { in: statuses }, position: { gte: from } },
      orderBy: { position: "asc" },
      take: CHUNK,
    });
    if (chunk.length === 0) break;
    yield (
      await compose(
        batch,
        chunk.map((d) => d.recipient),
        true,
      )
    ).map((composed) => composed.letter);
    if (batch.output !== "EMAIL") {
      const last = chunk[chunk.length - 1].position;
      await db.letterDelivery.updateMany({
        where: { batchId, status: { in: statuses }, position: { gte: from, lte: last } },
        data: { status: "SENT", sentAt: new Date() },
      });
    }
    from = chunk[chunk.length - 1].position + 1;
  }
  if (batch.output !== "EMAIL") await refreshCounters(batchId, { status: "DONE", finishedAt: new Date() });
}

/** The same letters one by one. */
export async function* batchLetters(ctx: Pick<ConsoleActor, "accountId">, batchId: string): AsyncGenerator<Letter> {
  for await (const chunk of batchLetterChunks(ctx, batchId)) yield* chunk;
}

export async function letterBatchOf(ctx: Pick<ConsoleActor, "accountId">, batchId: string) {
  const batch = await db.letterBatch.findFirst({ where: { id: batchId, accountId: ctx.accountId } });
  if (!batch) throw notFound();
  return batch;
}
