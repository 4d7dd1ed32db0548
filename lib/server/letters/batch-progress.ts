import "server-only";
import { db } from "@/lib/db";
import { MOBILE_POPULATIONS, type Population } from "@/lib/letters/original-models";
import { notFound } from "@/lib/server/errors";
import type { ConsoleActor } from "@/lib/server/actor";
import type { LetterOutput } from "./letter-batches";

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
      select: { name: true, email: true, mobile: true, lastError: true, attempts: true },
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

export async function letterBatchOf(ctx: Pick<ConsoleActor, "accountId">, batchId: string) {
  const batch = await db.letterBatch.findFirst({ where: { id: batchId, accountId: ctx.accountId } });
  if (!batch) throw notFound();
  return batch;
}
