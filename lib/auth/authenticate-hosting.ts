import "server-only";
import { db } from "@/lib/db";
import { consolePasswordSchema, hostingNumberSchema } from "@/lib/schemas/hosting-account";
import { verifyAgainstNothing, verifySecret } from "@/lib/server/security/secrets";
import { AppError } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { assertNotThrottled, recordFailure, resetThrottle, throttleKeys } from "./throttle";

export const INVALID_CREDENTIALS_MESSAGE = "Numéro d'hébergement ou mot de passe incorrect.";

export type Attempt = { hostingNumber: string; password: string; ip: string };

/**
 * F2, first window: the hosting number and console password. One message for every wrong
 * pair, and one argon2 verification in every case, so that neither words nor timing tell
 * whether the hosting number exists.
 */
export async function authenticateHosting(attempt: Attempt) {
  const hostingNumber = hostingNumberSchema.safeParse(attempt.hostingNumber);
  const password = consolePasswordSchema.safeParse(attempt.password);
  const keys = throttleKeys(hostingNumber.success ? hostingNumber.data : "-", attempt.ip);
  await assertNotThrottled(keys);

  const account =
    hostingNumber.success && password.success
      ? await db.hostingAccount.findUnique({
          where: { hostingNumber: hostingNumber.data },
          omit: { consolePasswordHash: false, invoiceNumberHash: false },
        })
      : null;
  const ok = account
    ? await verifySecret(account.consolePasswordHash, attempt.password)
    : await verifyAgainstNothing(attempt.password);

  if (!account || !ok) {
    await recordFailure(keys);
    await recordAuditEvent({
      accountId: account?.id ?? null,
      actor: "responsable",
      action: "signin.failure",
      detail: account ? "mot de passe incorrect" : `numéro d'hébergement inconnu`,
      ip: attempt.ip,
    });
    throw new AppError("INVALID_CREDENTIALS", INVALID_CREDENTIALS_MESSAGE);
  }
  await resetThrottle(keys[0]);
  return account;
}
