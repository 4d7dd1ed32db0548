import "server-only";
import { db } from "@/lib/db";
import { mailFrom, sendMail } from "@/lib/server/mail/send-mail";

/** Failures an end-of-batch e-mail lists; the rest are in the console. */
const REPORTED_FAILURES = 500;

/**
 * The sender learns that the batch has ended, with the letters that did not reach their recipient
 * and why — never a letter's content. Sent once, whichever instance finishes the batch.
 */
export async function reportBatch(batchId: string) {
  const once = await db.letterBatch.updateMany({ where: { id: batchId, reportedAt: null }, data: { reportedAt: new Date() } });
  if (once.count === 0) return;
  const batch = await db.letterBatch.findUniqueOrThrow({ where: { id: batchId } });
  const sender = batch.sendingAccountId ? await db.sendingAccount.findFirst({ where: { id: batch.sendingAccountId } }) : null;
  if (!sender) return;
  const [failures, withoutEmail] = await Promise.all([
    db.letterDelivery.findMany({
      where: { batchId, status: "FAILED" },
      orderBy: { position: "asc" },
      take: REPORTED_FAILURES,
      select: { name: true, email: true, lastError: true },
    }),
    db.letterDelivery.count({ where: { batchId, status: "PRINT" } }),
  ]);
  const lines = [
    `Bonjour,`,
    ``,
    `L'envoi du courrier « ${batch.modelName} » est terminé : ${batch.sent} e-mail(s) remis, ${batch.failed} en échec${withoutEmail ? `, ${withoutEmail} destinataire(s) sans adresse e-mail (leurs courriers sont à imprimer depuis Communication > Destinataires et envois)` : ""}.`,
    ...(failures.length
      ? [
          "",
          "E-mails non remis :",
          ...failures.map((f) => `- ${f.name} <${f.email}> : ${f.lastError}`),
          ...(batch.failed > failures.length ? [`… et ${batch.failed - failures.length} autre(s), listés dans la console.`] : []),
        ]
      : []),
    ``,
    `Console d'hébergement`,
  ];
  await sendMail({ from: mailFrom(), to: sender.email, subject: `Envoi terminé : ${batch.modelName}`, text: lines.join("\n") }).catch(
    (error) => console.error("letters: end-of-batch e-mail not sent", batchId, error instanceof Error ? error.message : error),
  );
}
