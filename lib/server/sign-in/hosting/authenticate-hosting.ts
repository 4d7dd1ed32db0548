import "server-only";
import { db } from "@/lib/db";
import { consolePasswordSchema, hostingNumberSchema } from "@/lib/schemas/hosting-account";
import { inLane, verifyAgainstNothing, verifySecret, hashToken } from "@/lib/server/security/secrets";
import { AppError } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { accountCounter, addressCounter, notJudged, reserveTry } from "@/lib/server/sign-in/throttle";

export const INVALID_CREDENTIALS_MESSAGE = "Numéro d'hébergement ou mot de passe incorrect.";

export type Attempt = {
  hostingNumber: string;
  password: string;
  ip: string;
  /** The certificate token this browser holds for an account (its cookie), if any. */
  certificateToken?: (accountId: string) => string | undefined;
};

/** The valid certificate a browser presents for the account, without marking it used. */
export async function presentedCertificate(accountId: string, token: string | undefined) {
  if (!token) return null;
  const certificate = await db.deviceCertificate.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!certificate || certificate.accountId !== accountId || certificate.revokedAt) return null;
  return certificate;
}

/**
 * F2, first window: the hosting number and console password. One message for every wrong
 * pair, and one argon2 verification in every case, so that neither words nor timing tell
 * whether the hosting number exists. A try from the account's certified browser counts on that
 * certificate alone: tries made without it (anyone may know the hosting number, ParamClient.ini
 * carries it) never hold back its owner.
 */
export async function authenticateHosting(attempt: Attempt) {
  const hostingNumber = hostingNumberSchema.safeParse(attempt.hostingNumber);
  const password = consolePasswordSchema.safeParse(attempt.password);
  const account =
    hostingNumber.success && password.success
      ? await db.hostingAccount.findUnique({
          where: { hostingNumber: hostingNumber.data },
          omit: { consolePasswordHash: false, invoiceNumberHash: false },
        })
      : null;
  const certificate = account ? await presentedCertificate(account.id, attempt.certificateToken?.(account.id)) : null;
  const lane = certificate ? "proven" : "anonymous";
  return inLane(lane, async () => {
    const reservation = await reserveTry(
      certificate
        ? [accountCounter(`cert:${certificate.id}`)]
        : [accountCounter(`hosting:${hostingNumber.success ? hostingNumber.data : "-"}`), addressCounter(attempt.ip)],
    );

    const ok = await (account
      ? verifySecret(account.consolePasswordHash, attempt.password, lane)
      : verifyAgainstNothing(attempt.password)
    ).catch(async (error) => {
      if (notJudged(error)) await reservation.cancelled();
      throw error;
    });

    if (!account || !ok) {
      await recordAuditEvent({
        accountId: account?.id ?? null,
        actor: "responsable",
        action: "signin.failure",
        detail: account ? "mot de passe incorrect" : `numéro d'hébergement inconnu`,
        ip: attempt.ip,
      });
      throw new AppError("INVALID_CREDENTIALS", INVALID_CREDENTIALS_MESSAGE);
    }
    await reservation.succeeded();
    return { ...account, certificate };
  });
}
