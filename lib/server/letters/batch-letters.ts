import "server-only";
import { db } from "@/lib/db";
import type { Population } from "@/lib/letters/original-models";
import { notFound } from "@/lib/server/errors";
import type { ConsoleActor } from "@/lib/server/actor";
import { composeLetters, previewLetter } from "./compose-letters";
import type { Letter } from "./letters-pdf";
import { loadLetterRecipients } from "./letter-recipients";
import { modelOf } from "./letter-batches";
import { refreshCounters } from "./batch-progress";

/**
 * Letters composed at a time for a PDF (their tokens issued together). Composing holds the event
 * loop ~1 ms a letter (the rows, the merge, the QR payload): 50 keep every other page waiting less
 * than ~60 ms, while the worker writes the pages.
 */
const CHUNK = 50;

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
