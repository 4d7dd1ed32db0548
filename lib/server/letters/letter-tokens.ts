import "server-only";
import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { hashToken, randomDigits } from "@/lib/server/security/secrets";

/** Ten failed uses (a wrong security code garbles the token) and every token of the user dies. */
export const MAX_LETTER_TOKEN_FAILURES = 10;

export const INVALID_LETTER_TOKEN =
  "Ce QR code n'est pas ou plus valable : demandez un nouveau courrier de connexion à votre établissement.";

/** Seed 002: "Le QR code (valable un mois maximum après l'édition du courrier) …" — one month by the calendar. */
export function letterTokenExpiry(issuedAt: Date): Date {
  const expiry = new Date(issuedAt);
  expiry.setUTCMonth(expiry.getUTCMonth() + 1);
  return expiry;
}

/**
 * A fresh token and security code for one letter (F16). The token is 48 random bytes written as
 * 96 uppercase hex characters, as the apps expect; only its SHA-256 is stored. Earlier letters'
 * tokens of the user are superseded. Only a user who still has a provisional password gets one.
 */
export async function issueLetterToken(tx: Tx, user: { id: string; accountId: string }, issuedAt: Date = new Date()) {
  const token = randomBytes(48).toString("hex").toUpperCase();
  await tx.letterToken.updateMany({ where: { userId: user.id, revokedAt: null, usedAt: null }, data: { revokedAt: issuedAt } });
  const expiresAt = letterTokenExpiry(issuedAt);
  await tx.letterToken.create({ data: { accountId: user.accountId, userId: user.id, tokenHash: hashToken(token), expiresAt } });
  return { token, securityCode: randomDigits(4), expiresAt };
}

/**
 * The mobile app's sign-in: login id and the decrypted token. A token works once, for its own
 * user, within its month, while his password is still provisional. Every failure counts against
 * the user; at ten (a wrong security code garbles the token each time), all his tokens die.
 */
export async function consumeLetterToken(user: { id: string; accountId: string; provisional: boolean }, token: string, now: Date = new Date()) {
  const row = /^[0-9A-F]{96}$/.test(token) ? await db.letterToken.findUnique({ where: { tokenHash: hashToken(token) } }) : null;
  const usable =
    row !== null &&
    row.userId === user.id &&
    row.accountId === user.accountId &&
    row.usedAt === null &&
    row.revokedAt === null &&
    row.expiresAt > now &&
    user.provisional;
  if (usable) {
    // Conditional: of two simultaneous uses, one wins.
    const claimed = await db.letterToken.updateMany({ where: { id: row.id, usedAt: null, revokedAt: null }, data: { usedAt: now } });
    if (claimed.count === 1) {
      await db.controllerUser.update({ where: { id: user.id }, data: { letterTokenFailures: 0 } });
      return;
    }
  }
  const updated = await db.controllerUser.update({ where: { id: user.id }, data: { letterTokenFailures: { increment: 1 } } });
  if (updated.letterTokenFailures >= MAX_LETTER_TOKEN_FAILURES) await revokeLetterTokens(db, user.id, now);
  throw new AppError("INVALID_TOKEN", INVALID_LETTER_TOKEN);
}

/** F17: personalizing the password (or ten failures) kills every token of the user. */
export async function revokeLetterTokens(tx: Tx | typeof db, userId: string, now: Date = new Date()) {
  await tx.letterToken.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
}
