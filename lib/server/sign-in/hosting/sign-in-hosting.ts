import "server-only";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { hasSecondFactor, hostingOwner } from "@/lib/server/sign-in/second-factor/owner";
import { verifySecondFactor } from "@/lib/server/sign-in/second-factor/verify-second-factor";
import { authenticateHosting } from "./authenticate-hosting";
import { certificateCookieName, findValidCertificate } from "./certificates";

/** Sent back to the sign-in form, which then opens the invoice-number window (F2). */
export const CERTIFICATE_REQUIRED = "CERTIFICATE_REQUIRED";
/** Sent back when the account has a second factor and no code came: the form asks it. */
export const SECOND_FACTOR_REQUIRED = "SECOND_FACTOR_REQUIRED";

/**
 * F2, the hosting responsible's way in, in the sequence's order (lib/server/sign-in/sequence.ts):
 * the hosting number and the console password, the second factor when he has one, then the
 * device — the certificate this browser holds, installed with the invoice number otherwise.
 * Returns what the session carries.
 */
export async function signInHosting(input: {
  hostingNumber: string;
  password: string;
  code: string;
  ip: string;
  cookies: Record<string, string | undefined>;
}) {
  const { ip, cookies } = input;
  const account = await authenticateHosting({
    hostingNumber: input.hostingNumber,
    password: input.password,
    ip,
    certificateToken: (accountId) => cookies[certificateCookieName(accountId)],
  });
  const owner = hostingOwner(account.id);
  if (await hasSecondFactor(owner)) {
    const code = input.code.slice(0, 40);
    if (!code.trim()) throw new Error(SECOND_FACTOR_REQUIRED);
    await verifySecondFactor(owner, code, ip);
  }
  const certificate = account.certificate && (await findValidCertificate(account.id, cookies[certificateCookieName(account.id)]));
  if (!certificate) throw new Error(CERTIFICATE_REQUIRED);
  await recordAuditEvent({ accountId: account.id, actor: "responsable", action: "signin.success", ip });
  return {
    id: account.id,
    kind: "hosting" as const,
    accountId: account.id,
    sessionVersion: account.sessionVersion,
    certificateId: certificate.id,
  };
}
