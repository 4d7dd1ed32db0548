import "server-only";
import { PassThrough } from "node:stream";
import { db } from "@/lib/db";
import type { ConsoleRole } from "@/lib/auth/permissions";
import { checkModel } from "@/lib/letters/model-tags";
import type { Population } from "@/lib/letters/original-models";
import { AppError, isUniqueViolation, notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { sendMail } from "@/lib/server/mail/send-mail";
import { usableSendingAccount } from "@/lib/server/sending-account/personal-account";
import { composeLetters, type ComposedLetter } from "./compose-letters";
import { writeLettersPdf, type Letter } from "./letters-pdf";
import { loadLetterRecipients } from "./recipients";

type Ctx = { accountId: string; role: ConsoleRole; userId: string | null; actor: string; ip: string };
export type LetterOutput = "PRINT" | "PDF" | "EMAIL";

export type StartBatchInput = {
  requestKey: string;
  population: Population;
  modelId: string;
  output: LetterOutput;
  attachPdf: boolean;
  withQr: boolean;
  recipients: string[];
};

/** An instance holds a running batch this long between two signs of life; past it, another carries on. */
export const LEASE_MS = 30_000;
/** An e-mail the SMTP server refuses is tried again this many times in all, these delays apart. */
export const SEND_ATTEMPTS = 3;
export const RETRY_DELAYS_MS = [300, 1500];
const CHUNK = 200;
const PARALLEL_SENDS = 4;

export const NO_SENDING_ACCOUNT =
  "Aucun compte d'envoi vérifié : paramétrez l'envoi d'e-mails (Communication > Paramétrer l'envoi d'e-mails) avant d'envoyer.";

async function modelOf(accountId: string, modelId: string, population: Population) {
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
 * "Imprimer / Générer / Mailer": records what is to be sent to whom. The dialog names the request,
 * so a double click or a retry finds the batch it already started instead of sending twice. E-mails
 * go out in the background; a PDF is made when it is downloaded. Recipients without an e-mail
 * address are set aside for a printed letter.
 */
export async function startLetterBatch(ctx: Ctx, input: StartBatchInput) {
  const existing = await db.letterBatch.findUnique({ where: { accountId_requestKey: { accountId: ctx.accountId, requestKey: input.requestKey } } });
  if (existing) return summary(existing.id, ctx.accountId);

  const model = await modelOf(ctx.accountId, input.modelId, input.population);
  const recipients = await loadLetterRecipients(ctx.accountId, input.population, [...new Set(input.recipients)]);
  if (recipients.length === 0) throw new AppError("NO_RECIPIENT", "Sélectionnez au moins un destinataire.", "recipients");
  const sender = input.output === "EMAIL" ? await usableSendingAccount(ctx) : null;
  if (input.output === "EMAIL" && !sender) throw new AppError("NO_SENDING_ACCOUNT", NO_SENDING_ACCOUNT);

  let batchId: string;
  try {
    batchId = await db.$transaction(async (tx) => {
      const batch = await tx.letterBatch.create({
        data: {
          accountId: ctx.accountId,
          requestKey: input.requestKey,
          actor: ctx.actor,
          output: input.output,
          attachPdf: input.output === "EMAIL" && input.attachPdf,
          withQr: input.withQr,
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
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The same request, a moment earlier in another tab or instance.
    const same = await db.letterBatch.findUnique({ where: { accountId_requestKey: { accountId: ctx.accountId, requestKey: input.requestKey } } });
    if (!same) throw error;
    batchId = same.id;
  }
  if (input.output === "EMAIL") void runLetterBatch(batchId);
  return summary(batchId, ctx.accountId);
}

async function summary(batchId: string, accountId: string) {
  const batch = await db.letterBatch.findFirst({ where: { id: batchId, accountId } });
  if (!batch) throw notFound();
  const withoutEmail = await db.letterDelivery.count({ where: { batchId, status: "PRINT" } });
  return { batchId, output: batch.output as LetterOutput, total: batch.total, withoutEmail };
}

/** The progress a page shows, and the recipients an e-mail could not reach, with the reason. */
export async function getLetterBatch(ctx: Pick<Ctx, "accountId">, batchId: string) {
  const batch = await db.letterBatch.findFirst({ where: { id: batchId, accountId: ctx.accountId } });
  if (!batch) throw notFound();
  // A batch whose instance stopped (a restart, a crash) is carried on by whoever looks at it.
  if (batch.status === "RUNNING" && batch.output === "EMAIL" && (!batch.leaseUntil || batch.leaseUntil < new Date())) {
    void runLetterBatch(batch.id);
  }
  const [failures, withoutEmail] = await Promise.all([
    db.letterDelivery.findMany({
      where: { batchId, status: "FAILED" },
      select: { name: true, email: true, lastError: true, attempts: true },
      orderBy: { position: "asc" },
      take: 500,
    }),
    db.letterDelivery.count({ where: { batchId, status: "PRINT" } }),
  ]);
  return {
    id: batch.id,
    output: batch.output as LetterOutput,
    modelName: batch.modelName,
    population: batch.population,
    withQr: batch.withQr,
    total: batch.total,
    sent: batch.sent,
    failed: batch.failed,
    withoutEmail,
    status: batch.status,
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

/** The batch's recipients of `deliveries`, composed into letters (tokens issued now). */
async function compose(batch: { accountId: string; modelId: string; population: string; withQr: boolean }, keys: string[], qr: boolean) {
  const model = await modelOf(batch.accountId, batch.modelId, batch.population as Population);
  const recipients = await loadLetterRecipients(batch.accountId, batch.population as Population, keys);
  return composeLetters({ modelText: model.text, withQr: batch.withQr && qr, establishment: await establishmentOf(batch.accountId) }, recipients);
}

async function refreshCounters(batchId: string, extra: { leaseUntil?: Date | null; status?: string; finishedAt?: Date } = {}) {
  const [sent, failed] = await Promise.all([
    db.letterDelivery.count({ where: { batchId, status: "SENT" } }),
    db.letterDelivery.count({ where: { batchId, status: "FAILED" } }),
  ]);
  await db.letterBatch.update({ where: { id: batchId }, data: { sent, failed, ...extra } });
}

function pdfBuffer(letters: Letter[], title: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  return writeLettersPdf(letters, out, { title, author: "Console d'hébergement" }).then(() => Buffer.concat(chunks));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the batch's pending e-mails, a chunk at a time, under a lease: one instance at a time works
 * on a batch, and a batch left by a stopped instance is taken up again. An e-mail caught in the
 * middle of a stop is not sent again blindly: it is reported as interrupted.
 */
export async function runLetterBatch(batchId: string): Promise<void> {
  const claimed = await db.letterBatch.updateMany({
    where: { id: batchId, status: "RUNNING", output: "EMAIL", OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }] },
    data: { leaseUntil: new Date(Date.now() + LEASE_MS) },
  });
  if (claimed.count === 0) return;
  const batch = await db.letterBatch.findUniqueOrThrow({ where: { id: batchId } });
  try {
    await db.letterDelivery.updateMany({
      where: { batchId, status: "SENDING" },
      data: { status: "FAILED", lastError: "Envoi interrompu : vérifiez la réception avant d'envoyer de nouveau." },
    });
    const sender = batch.sendingAccountId
      ? await db.sendingAccount.findFirst({ where: { id: batch.sendingAccountId, accountId: batch.accountId, readyAt: { not: null } } })
      : null;
    if (!sender) {
      await db.letterDelivery.updateMany({ where: { batchId, status: "PENDING" }, data: { status: "FAILED", lastError: NO_SENDING_ACCOUNT } });
    }
    for (;;) {
      const chunk = await db.letterDelivery.findMany({ where: { batchId, status: "PENDING" }, orderBy: { position: "asc" }, take: CHUNK });
      if (chunk.length === 0 || !sender) break;
      await db.letterDelivery.updateMany({ where: { id: { in: chunk.map((d) => d.id) }, status: "PENDING" }, data: { status: "SENDING" } });
      // Without the PDF, the QR code cannot travel: the e-mail is the letter sans QR code.
      const letters = new Map((await compose(batch, chunk.map((d) => d.recipient), batch.attachPdf)).map((l) => [l.recipient.key, l]));
      const queue = [...chunk];
      await Promise.all(
        Array.from({ length: PARALLEL_SENDS }, async () => {
          for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
            await deliver(batch, sender, delivery, letters.get(delivery.recipient));
          }
        }),
      );
      await refreshCounters(batchId, { leaseUntil: new Date(Date.now() + LEASE_MS) });
    }
    await refreshCounters(batchId, { status: "DONE", finishedAt: new Date(), leaseUntil: null });
  } catch (error) {
    console.error("letters: batch stopped", batchId, error instanceof Error ? error.message : error);
    await db.letterBatch.update({ where: { id: batchId }, data: { leaseUntil: null } }).catch(() => undefined);
  }
}

async function deliver(
  batch: { id: string; modelName: string; attachPdf: boolean },
  sender: { name: string; email: string },
  delivery: { id: string; email: string },
  composed: ComposedLetter | undefined,
) {
  if (!composed) {
    await db.letterDelivery.update({ where: { id: delivery.id }, data: { status: "FAILED", lastError: "Destinataire supprimé depuis." } });
    return;
  }
  const attachments = batch.attachPdf ? [{ filename: "courrier.pdf", content: await pdfBuffer([composed.letter], batch.modelName) }] : [];
  let lastError = "";
  for (let attempt = 1; attempt <= SEND_ATTEMPTS; attempt++) {
    try {
      await sendMail({
        from: `"${sender.name.replace(/["\\]/g, "")}" <${sender.email}>`,
        to: delivery.email,
        subject: batch.modelName,
        text: composed.lines.map((l) => l.text).join("\n"),
        attachments,
      });
      await db.letterDelivery.update({ where: { id: delivery.id }, data: { status: "SENT", attempts: attempt, sentAt: new Date(), lastError: "" } });
      return;
    } catch (error) {
      lastError = smtpReason(error);
      if (attempt < SEND_ATTEMPTS) await sleep(RETRY_DELAYS_MS[attempt - 1] ?? 1000);
    }
  }
  await db.letterDelivery.update({ where: { id: delivery.id }, data: { status: "FAILED", attempts: SEND_ATTEMPTS, lastError } });
}

/** What the SMTP server said, without the letter: no password ever goes into a report or a log. */
function smtpReason(error: unknown): string {
  const response = (error as { response?: string; code?: string })?.response ?? (error as { code?: string })?.code;
  return `Serveur de messagerie : ${String(response ?? "erreur inconnue").slice(0, 200)}`;
}

/**
 * The letters of a PDF or printed batch — or an e-mail batch's recipients without an address — as
 * they are composed, a chunk at a time, for a streamed PDF. Each download issues fresh tokens: the
 * latest letter is the one whose QR code works.
 */
export async function* batchLetters(ctx: Pick<Ctx, "accountId">, batchId: string): AsyncGenerator<Letter> {
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
    for (const composed of await compose(batch, chunk.map((d) => d.recipient), true)) yield composed.letter;
    if (batch.output !== "EMAIL") {
      await db.letterDelivery.updateMany({ where: { id: { in: chunk.map((d) => d.id) } }, data: { status: "SENT", sentAt: new Date() } });
    }
    from = chunk[chunk.length - 1].position + 1;
  }
  if (batch.output !== "EMAIL") await refreshCounters(batchId, { status: "DONE", finishedAt: new Date() });
}

export async function letterBatchOf(ctx: Pick<Ctx, "accountId">, batchId: string) {
  const batch = await db.letterBatch.findFirst({ where: { id: batchId, accountId: ctx.accountId } });
  if (!batch) throw notFound();
  return batch;
}
