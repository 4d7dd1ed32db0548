import "server-only";
import { db } from "@/lib/db";
import { hashSecret, randomPassword } from "@/lib/server/security/secrets";
import { AppError } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { smsConsolePassword, type Delivery } from "./credential-messages";
import type { SmsTransport } from "@/lib/server/sms/sms-transport";

/**
 * The operator's reset (F1): a new console password by SMS. Bumping the session version ends
 * every open session of the account at its next request.
 */
export async function resetConsolePassword(
  hostingNumber: string,
  options: { smsTransport?: SmsTransport; actor?: string } = {},
): Promise<{ consolePassword: string; sms: Delivery }> {
  const account = await db.hostingAccount.findUnique({ where: { hostingNumber } });
  if (!account) throw new AppError("NOT_FOUND", `Aucun compte d'hébergement ne porte le numéro ${hostingNumber}.`);
  const consolePassword = randomPassword(14);
  const consolePasswordHash = await hashSecret(consolePassword);
  const updated = await db.$transaction(async (tx) => {
    const row = await tx.hostingAccount.update({
      where: { id: account.id },
      data: { consolePasswordHash, sessionVersion: { increment: 1 } },
    });
    await recordAuditEvent({ accountId: account.id, actor: options.actor ?? "opérateur", action: "account.password-reset" }, tx);
    return row;
  });
  const sms = await smsConsolePassword(updated, consolePassword, "password-reset", options.smsTransport);
  return { consolePassword, sms };
}
