import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { type AuditInput, recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/server/errors";
import type { Delivery } from "@/lib/server/hosting-account/credential-messages";

/**
 * A run sending a step's e-mail holds it this long (real time), longer than an SMTP exchange may take
 * (a minute without an answer ends it); past it, another run sends it. Tests shorten it.
 */
const mailLeaseMs = () => Number(process.env.YEAR_MAIL_LEASE_SECONDS || 90) * 1000;

type Step = { accountId: string; year: number; step: string };
const key = ({ accountId, year, step }: Step) => ({ accountId_year_step: { accountId, year, step } });

export async function isDone(step: Step) {
  return (await db.yearlyStep.count({ where: step })) > 0;
}

/**
 * Writes that the step is done, once, with its journal line and the e-mail it owes (its lines;
 * null when there is nothing to tell): of two runs (a retry after a kill, a second instance) only
 * the first gets true.
 */
export async function claimStep(step: Step, { mail, line }: { mail: string[] | null; line?: AuditInput }) {
  try {
    await db.$transaction(async (tx) => {
      await tx.yearlyStep.create({
        data: { ...step, doneAt: clock.now(), mailLines: JSON.stringify(mail ?? []), mailSentAt: mail ? null : new Date() },
      });
      if (line) await recordAuditEvent(line, tx);
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Sends the step's e-mail if it is still owed and no other run holds it. A refused delivery frees
 * it and throws, so that the job is tried again: nothing is lost while the SMTP server is down. At
 * least once: a run killed between the server's acceptance and the record below would send it
 * again after the lease, a window of milliseconds; a run killed before the acceptance loses nothing.
 */
export async function deliverOwedMail(step: Step, send: (lines: string[]) => Promise<Delivery>) {
  for (;;) {
    const now = new Date();
    const held = await db.yearlyStep.updateMany({
      where: { ...step, mailSentAt: null, OR: [{ mailLeaseUntil: null }, { mailLeaseUntil: { lt: now } }] },
      data: { mailLeaseUntil: new Date(now.getTime() + mailLeaseMs()) },
    });
    if (held.count === 1) break;
    // Sent already, or another run is sending it: wait for it to finish or for its lease to end
    // (an instance killed mid-send), so that this job ends only once the e-mail has left.
    const row = await db.yearlyStep.findUnique({ where: key(step), select: { mailSentAt: true, mailLeaseUntil: true } });
    if (!row || row.mailSentAt || !row.mailLeaseUntil) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(row.mailLeaseUntil!.getTime() - Date.now(), 50), 5000)));
  }
  const row = await db.yearlyStep.findUniqueOrThrow({ where: key(step) });
  const delivery = await send(JSON.parse(row.mailLines) as string[]);
  if (!delivery.sent) {
    await db.yearlyStep.updateMany({ where: step, data: { mailLeaseUntil: null } });
    throw new Error(`E-mail non remis au responsable de l'hébergement : ${delivery.error}`);
  }
  await db.yearlyStep.updateMany({ where: step, data: { mailSentAt: new Date(), mailLeaseUntil: null } });
}
