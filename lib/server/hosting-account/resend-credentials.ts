import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { emailHostingReminder } from "./credential-messages";
import { releaseWindow, takeWindow } from "@/lib/server/sign-in/throttle";

const RESEND_INTERVAL_MS = 60_000;

/** F11 "Recevoir mes identifiants d'hébergement": to the registered address only, once a minute at most. */
export async function resendCredentials(ctx: { accountId: string; ip: string }) {
  const account = await db.hostingAccount.findUnique({ where: { id: ctx.accountId } });
  if (!account) throw notFound();
  // One conditional write takes the minute: of simultaneous requests, one sends.
  const window = `resend:${account.id}`;
  if ((await takeWindow(window, RESEND_INTERVAL_MS)) > 0) {
    throw new AppError("TOO_SOON", "Un e-mail vient de vous être envoyé : patientez une minute avant de le redemander.");
  }
  const delivery = await emailHostingReminder(account);
  await recordAuditEvent({ accountId: account.id, actor: "responsable", action: "account.resend-credentials", ip: ctx.ip });
  if (!delivery.sent) {
    await releaseWindow(window);
    throw new AppError("MAIL_FAILED", "L'e-mail n'a pas pu être envoyé. Réessayez plus tard.");
  }
  return { email: maskEmail(account.responsibleEmail) };
}

export function maskEmail(email: string): string {
  const [user, domain] = email.split("@");
  return `${user.slice(0, 2)}${"•".repeat(Math.max(1, user.length - 2))}@${domain}`;
}
