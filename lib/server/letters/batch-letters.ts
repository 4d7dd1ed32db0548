import "server-only";
import { db } from "@/lib/db";
import type { Population } from "@/lib/letters/original-models";
import { notFound } from "@/lib/server/errors";
import type { ConsoleActor } from "@/lib/server/actor";
import { type ComposedLetter, composeLetters, householdLetters, previewLetter } from "./compose-letters";
import type { Letter } from "./letters-pdf";
import { type LetterRecipient, loadLetterRecipients } from "./letter-recipients";
import { modelOf } from "./letter-batches";
import { letterBatchOf, refreshCounters } from "./batch-progress";

/**
 * Letters composed at a time for a PDF (their tokens issued together). Composing holds the event
 * loop ~1 ms a letter (the rows, the merge, the QR payload): 50 keep every other page waiting less
 * than ~60 ms, while the worker writes the pages.
 */
const CHUNK = 50;

/** The establishment's name and postal address, as letters print them. */
export async function establishmentOf(accountId: string) {
  const account = await db.hostingAccount.findUniqueOrThrow({
    where: { id: accountId },
    select: { establishment: true, postalAddress: true },
  });
  return { establishment: account.establishment, establishmentAddress: account.postalAddress };
}

/** The batch's recipients of `keys`, composed into letters (tokens issued now, in one transaction). */
export async function compose(
  batch: { accountId: string; modelId: string; population: string; withQr: boolean },
  keys: string[],
  qr: boolean,
) {
  const model = await modelOf(batch.accountId, batch.modelId, batch.population as Population);
  const recipients = await loadLetterRecipients(batch.accountId, batch.population as Population, keys);
  return composeLetters({ modelText: model.text, withQr: batch.withQr && qr, ...(await establishmentOf(batch.accountId)) }, recipients);
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
  return previewLetter({ modelText: model.text, withQr: input.withQr, ...(await establishmentOf(ctx.accountId)) }, recipient);
}

type Batch = NonNullable<Awaited<ReturnType<typeof db.letterBatch.findFirst>>>;

/**
 * The recipients' keys of a batch to print, a chunk at a time in their order; once a chunk has been
 * used its deliveries are marked sent, and the batch done at the end. An e-mail batch's are those
 * without an address.
 */
async function* printedChunks(batch: Batch): AsyncGenerator<string[]> {
  // An SMS batch has nothing to print: its model is an SMS.
  if (batch.output === "SMS") throw notFound();
  const statuses = batch.output === "EMAIL" ? ["PRINT"] : ["PENDING", "SENT"];
  for (let from = 0; ; ) {
    const chunk = await db.letterDelivery.findMany({
      where: { batchId: batch.id, status: { in: statuses }, position: { gte: from } },
      orderBy: { position: "asc" },
      take: CHUNK,
    });
    if (chunk.length === 0) break;
    yield chunk.map((d) => d.recipient);
    if (batch.output !== "EMAIL") {
      const last = chunk[chunk.length - 1].position;
      await db.letterDelivery.updateMany({
        where: { batchId: batch.id, status: { in: statuses }, position: { gte: from, lte: last } },
        data: { status: "SENT", sentAt: new Date() },
      });
    }
    from = chunk[chunk.length - 1].position + 1;
  }
  if (batch.output !== "EMAIL") await refreshCounters(batch.id, { status: "DONE", finishedAt: new Date() });
}

/**
 * The letters of a PDF or printed batch — or an e-mail batch's recipients without an address — as
 * they are composed, a chunk at a time, for a streamed PDF. Each download issues fresh tokens: the
 * latest letter is the one whose QR code works. "Un courrier par adresse" makes a household's
 * letter once all its persons are composed: a chunk's last household waits for the next chunk.
 */
export async function* batchLetterChunks(ctx: Pick<ConsoleActor, "accountId">, batchId: string): AsyncGenerator<Letter[]> {
  const batch = await letterBatchOf(ctx, batchId);
  let waiting: ComposedLetter[] = [];
  for await (const keys of printedChunks(batch)) {
    const composed = await compose(batch, keys, true);
    if (!batch.perHousehold) {
      yield composed.map((c) => c.letter);
      continue;
    }
    const all = [...waiting, ...composed];
    const lastHousehold = all.at(-1)?.recipient.householdKey;
    let cut = all.length;
    while (lastHousehold && cut > 0 && all[cut - 1].recipient.householdKey === lastHousehold) cut--;
    waiting = all.slice(cut);
    if (cut > 0) yield householdLetters(all.slice(0, cut));
  }
  if (waiting.length > 0) yield householdLetters(waiting);
}

/** "Imprimer des étiquettes": the batch's recipients, a chunk at a time, for their labels (no token: labels carry no QR code). */
export async function* batchLabelRecipients(ctx: Pick<ConsoleActor, "accountId">, batchId: string): AsyncGenerator<LetterRecipient[]> {
  const batch = await letterBatchOf(ctx, batchId);
  for await (const keys of printedChunks(batch)) yield loadLetterRecipients(batch.accountId, batch.population as Population, keys);
}

/** The same letters one by one. */
export async function* batchLetters(ctx: Pick<ConsoleActor, "accountId">, batchId: string): AsyncGenerator<Letter> {
  for await (const chunk of batchLetterChunks(ctx, batchId)) yield* chunk;
}
