import "server-only";
import { hostname } from "node:os";
import { db } from "@/lib/db";
import { slices } from "@/lib/server/id-slices";
import { jobs } from "@/lib/server/jobs/engine";
import { sendMail, smtpLimits, smtpOutcome } from "@/lib/server/mail/send-mail";
import { SMS_CONNECTIONS, SMS_UNREACHABLE, sendSms } from "./send-sms";
import type { ComposedLetter } from "./compose-letters";
import { compose } from "./batch-letters";
import { NO_SENDING_ACCOUNT } from "./letter-batches";
import { refreshCounters } from "./batch-progress";
import { pdfEach } from "./pdf-pool";
import { reportBatch } from "./batch-report";

/** The batches a job sends (the others are printed when downloaded). */
const SENT_OUTPUTS = ["EMAIL", "SMS"];

/** An instance holds a running batch this long between two signs of life; past it, another carries on. */
export const LEASE_MS = 30_000;
/** A letter the mail server refuses for the moment (4xx) is tried this many times in all. */
export const SEND_ATTEMPTS = 3;
/** Letters composed at a time: their tokens are issued in one transaction. */
const CHUNK = 100;
/**
 * Letters marked "being sent" in one write before they leave. An instance killed mid-send leaves at
 * most a few groups in that state: they are reported interrupted, never sent a second time.
 */
const GROUP = 10;
const INTERRUPTED = "Envoi interrompu : vérifiez la réception avant d'envoyer de nouveau.";
export const SERVER_UNREACHABLE = "Le serveur de messagerie ne répond pas : l'envoi reprendra dès qu'il répondra.";

/** Delays before the second and third tries of a letter refused for the moment (SMTP_RETRY_SECONDS). */
function retryDelayMs(attempt: number): number {
  const delays = (process.env.SMTP_RETRY_SECONDS || "60,300").split(",").map((s) => Number(s) * 1000);
  return delays[Math.min(attempt - 1, delays.length - 1)] ?? 60_000;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Batch = {
  id: string;
  accountId: string;
  modelId: string;
  modelName: string;
  population: string;
  withQr: boolean;
  attachPdf: boolean;
  output: string;
};
type Sender = { name: string; email: string };
type Delivery = { id: string; recipient: string; email: string; mobile: string; attempts: number };

/**
 * The "letters.batch" job: sends the batch's pending e-mails, a chunk at a time, under a lease
 * renewed while it works, so that one instance at a time sends a batch and a batch whose instance
 * died is taken up by another (the job is sent again by `recoverStalledBatches`).
 */
export async function runLetterBatch(batchId: string): Promise<void> {
  const claimed = await db.letterBatch.updateMany({
    where: { id: batchId, status: "RUNNING", output: { in: SENT_OUTPUTS }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }] },
    data: { leaseUntil: new Date(Date.now() + LEASE_MS), leaseHolder: `${hostname()}:${process.pid}` },
  });
  if (claimed.count === 0) return;
  const renew = setInterval(() => {
    db.letterBatch
      .updateMany({ where: { id: batchId, status: "RUNNING" }, data: { leaseUntil: new Date(Date.now() + LEASE_MS) } })
      .catch(() => undefined);
  }, LEASE_MS / 3);
  try {
    await sendBatch(batchId);
  } catch (error) {
    console.error("letters: batch stopped", batchId, error instanceof Error ? error.message : error);
    await db.letterBatch.update({ where: { id: batchId }, data: { leaseUntil: null } }).catch(() => undefined);
    throw error;
  } finally {
    clearInterval(renew);
  }
}

async function sendBatch(batchId: string) {
  const batch = await db.letterBatch.findUniqueOrThrow({ where: { id: batchId } });
  // Letters an instance was sending when it stopped: they may have arrived.
  await db.letterDelivery.updateMany({ where: { batchId, status: "SENDING" }, data: { status: "FAILED", lastError: INTERRUPTED } });
  const sms = batch.output === "SMS";
  const sender = sms
    ? { name: "", email: "" }
    : batch.sendingAccountId
      ? await db.sendingAccount.findFirst({ where: { id: batch.sendingAccountId, accountId: batch.accountId, readyAt: { not: null } } })
      : null;
  if (!sender) {
    await db.letterDelivery.updateMany({
      where: { batchId, status: "PENDING" },
      data: { status: "FAILED", lastError: NO_SENDING_ACCOUNT },
    });
  } else {
    if (!batch.startedAt) await db.letterBatch.update({ where: { id: batchId }, data: { startedAt: new Date() } });
    // The next chunk is read and composed while this one is sent; the deliveries are read in the
    // order of their positions, then again from the start for those to try again.
    const read = async (from: number) => {
      const chunk = await db.letterDelivery.findMany({
        where: { batchId, status: "PENDING", position: { gte: from }, OR: [{ retryAt: null }, { retryAt: { lte: new Date() } }] },
        select: { id: true, recipient: true, email: true, mobile: true, attempts: true, position: true },
        orderBy: { position: "asc" },
        take: CHUNK,
      });
      // Without the PDF, the QR code cannot travel: the e-mail is the letter sans QR code.
      const letters = chunk.length
        ? new Map(
            (
              await compose(
                batch,
                chunk.map((d) => d.recipient),
                !sms && batch.attachPdf,
              )
            ).map((l) => [l.recipient.key, l]),
          )
        : new Map<string, ComposedLetter>();
      return { chunk, letters, next: chunk.length ? chunk[chunk.length - 1].position + 1 : from };
    };
    let pause = 0;
    let ahead = read(0);
    for (;;) {
      const { chunk, letters, next } = await ahead;
      if (chunk.length === 0) {
        if (next > 0) {
          ahead = read(0);
          continue;
        }
        // Only letters refused for the moment are left: wait for the first of them.
        const later = await db.letterDelivery.findFirst({
          where: { batchId, status: "PENDING" },
          orderBy: { retryAt: "asc" },
          select: { retryAt: true },
        });
        if (!later?.retryAt) break;
        await refreshCounters(batchId);
        await sleep(Math.min(Math.max(later.retryAt.getTime() - Date.now(), 50), 5000));
        ahead = read(0);
        continue;
      }
      ahead = read(next);
      const unreachable = await sendChunk(batch, sender, chunk, letters);
      await refreshCounters(batchId, { waitingReason: unreachable ? (sms ? SMS_UNREACHABLE : SERVER_UNREACHABLE) : "" });
      // The mail server is down: the batch waits, longer each time up to 15 s, and resumes.
      pause = unreachable ? Math.min(Math.max(pause * 2, 1000), 15_000) : 0;
      if (pause) {
        await ahead;
        await sleep(pause);
        ahead = read(0);
      }
    }
  }
  await refreshCounters(batchId, { status: "DONE", finishedAt: new Date(), leaseUntil: null, waitingReason: "" });
  await reportBatch(batchId);
}

/** Sends a chunk, as many groups at once as the mail server's connections; true if it was unreachable. */
async function sendChunk(batch: Batch, sender: Sender, chunk: Delivery[], letters: Map<string, ComposedLetter>): Promise<boolean> {
  const groups = slices(chunk, GROUP);
  let unreachable = false;
  await Promise.all(
    Array.from({ length: Math.min(batch.output === "SMS" ? SMS_CONNECTIONS : 2 * smtpLimits().connections, groups.length) }, async () => {
      for (let group = groups.shift(); group && !unreachable; group = groups.shift()) {
        if (await sendGroup(batch, sender, group, letters)) unreachable = true;
      }
    }),
  );
  return unreachable;
}

async function sendGroup(batch: Batch, sender: Sender, group: Delivery[], letters: Map<string, ComposedLetter>): Promise<boolean> {
  await db.letterDelivery.updateMany({ where: { id: { in: group.map((d) => d.id) }, status: "PENDING" }, data: { status: "SENDING" } });
  // The group's attachments, written by a worker thread while this one talks to the mail server.
  const present = group.filter((d) => letters.has(d.recipient));
  const files =
    batch.output === "EMAIL" && batch.attachPdf
      ? new Map(
          (
            await pdfEach(
              present.map((d) => letters.get(d.recipient)!.letter),
              { title: batch.modelName, author: "Console d'hébergement" },
            )
          ).map((file, i) => [present[i].id, file]),
        )
      : new Map<string, Buffer>();
  const outcomes = await Promise.all(
    group.map(async (delivery) => {
      const composed = letters.get(delivery.recipient);
      if (!composed) return { delivery, kind: "refused" as const, reason: "Destinataire supprimé depuis." };
      if (batch.output === "SMS") return sendSms(delivery, composed);
      try {
        await sendMail({
          from: `"${sender.name.replace(/["\\]/g, "")}" <${sender.email}>`,
          to: delivery.email,
          subject: batch.modelName,
          text: composed.lines.map((l) => l.text).join("\n"),
          attachments: batch.attachPdf ? [{ filename: "courrier.pdf", content: files.get(delivery.id)! }] : [],
        });
        return { delivery, kind: "sent" as const, reason: "" };
      } catch (error) {
        return { delivery, ...smtpOutcome(error) };
      }
    }),
  );
  const now = new Date();
  const sent = outcomes.filter((o) => o.kind === "sent").map((o) => o.delivery.id);
  if (sent.length) {
    await db.letterDelivery.updateMany({
      where: { id: { in: sent } },
      data: { status: "SENT", sentAt: now, lastError: "", attempts: { increment: 1 } },
    });
  }
  for (const { delivery, kind, reason } of outcomes) {
    if (kind === "sent") continue;
    const attempts = delivery.attempts + (kind === "unreachable" ? 0 : 1);
    const again = kind === "unreachable" || (kind === "later" && attempts < SEND_ATTEMPTS);
    await db.letterDelivery.update({
      where: { id: delivery.id },
      data: again
        ? {
            status: "PENDING",
            attempts,
            lastError: reason,
            retryAt: kind === "later" ? new Date(now.getTime() + retryDelayMs(attempts)) : null,
          }
        : { status: "FAILED", attempts, lastError: kind === "interrupted" ? `${INTERRUPTED} (${reason})` : reason },
    });
  }
  return outcomes.some((o) => o.kind === "unreachable");
}

/**
 * The "letters.recover" job (every minute, and once after an instance starts): e-mail batches whose
 * instance stopped holding them are sent to whoever is alive. No page needs to be open.
 */
export async function recoverStalledBatches() {
  const stalled = await db.letterBatch.findMany({
    where: { status: "RUNNING", output: { in: SENT_OUTPUTS }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }] },
    select: { id: true },
    take: 200,
  });
  for (const batch of stalled) await jobs().send("letters.batch", { batchId: batch.id });
}
