import "server-only";
import { db } from "@/lib/db";
import { invoiceNumberSchema } from "@/lib/schemas/hosting-account";
import { hashToken, randomToken, verifySecret } from "@/lib/server/security/secrets";
import { AppError, notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { authenticateHosting, presentedCertificate, type Attempt } from "./authenticate-hosting";
import { accountCounter, addressCounter, reserveTry } from "@/lib/server/sign-in/throttle";

/** One cookie per account, so that a browser may hold the certificates of several accounts. */
export function certificateCookieName(accountId: string): string {
  return `console-cert-${accountId}`;
}

export const CERTIFICATE_MAX_AGE_S = 5 * 365 * 24 * 3600;

/** A readable name for Mon compte, from the browser's user agent. */
export function describeBrowser(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "Navigateur";
  const system = /Windows/.test(userAgent)
    ? "Windows"
    : /Mac OS X/.test(userAgent)
      ? "macOS"
      : /Android/.test(userAgent)
        ? "Android"
        : /Linux/.test(userAgent)
          ? "Linux"
          : "système inconnu";
  return `${browser} sous ${system}`;
}

/**
 * F2, second window: the invoice number proves the hosting responsible holds the e-mail, and
 * this browser is trusted from now on. Nothing is stored when any of the three numbers is wrong.
 * The invoice number has its own counter, which a right password does not reset.
 */
export async function installCertificate(attempt: Omit<Attempt, "certificateToken"> & { invoiceNumber: string; userAgent: string }) {
  const account = await authenticateHosting(attempt);
  const reservation = await reserveTry([accountCounter(`invoice:${account.id}`), addressCounter(attempt.ip)]);
  const invoice = invoiceNumberSchema.safeParse(attempt.invoiceNumber);
  if (!invoice.success || !(await verifySecret(account.invoiceNumberHash, invoice.data))) {
    await recordAuditEvent({
      accountId: account.id,
      actor: "responsable",
      action: "certificate.refused",
      detail: "numéro de facture incorrect",
      ip: attempt.ip,
    });
    throw new AppError("INVALID_INVOICE", "Numéro de facture incorrect.", "invoiceNumber");
  }
  await reservation.succeeded();
  const token = randomToken();
  const certificate = await db.deviceCertificate.create({
    data: { accountId: account.id, tokenHash: hashToken(token), label: describeBrowser(attempt.userAgent) },
  });
  await recordAuditEvent({
    accountId: account.id,
    actor: "responsable",
    action: "certificate.install",
    detail: certificate.label,
    ip: attempt.ip,
  });
  return { accountId: account.id, token };
}

/** The certificate this browser presents for the account, if it is still valid. */
export async function findValidCertificate(accountId: string, token: string | undefined) {
  const certificate = await presentedCertificate(accountId, token);
  if (!certificate) return null;
  await db.deviceCertificate.update({ where: { id: certificate.id }, data: { lastUsedAt: new Date() } });
  return certificate;
}

/** F11: a revoked certificate ends the sessions opened with it and asks for the invoice number again. */
export async function revokeCertificate(input: { accountId: string; certificateId: string; ip: string }) {
  const certificate = await db.deviceCertificate.findFirst({
    where: { id: input.certificateId, accountId: input.accountId },
  });
  if (!certificate) throw notFound();
  if (certificate.revokedAt) return certificate;
  const revoked = await db.deviceCertificate.update({
    where: { id: certificate.id },
    data: { revokedAt: new Date() },
  });
  await recordAuditEvent({
    accountId: input.accountId,
    actor: "responsable",
    action: "certificate.revoke",
    detail: certificate.label,
    ip: input.ip,
  });
  return revoked;
}
