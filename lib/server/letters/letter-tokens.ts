import "server-only";
import { clock } from "@/lib/clock";
import { randomBytes, randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/server/errors";
import { hashToken, randomDigits } from "@/lib/server/security/secrets";
import { takeNumberedPlace } from "@/lib/server/sign-in/throttle";
import { slices } from "@/lib/server/id-slices";

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

/** Who a letter is for: a controller user (F13) or a person of the Espaces. */
export type LetterHolder = { kind: "user" | "person"; id: string; accountId: string };

function holderColumn(kind: LetterHolder["kind"]) {
  return kind === "user" ? "userId" : "personId";
}

export type IssuedToken = { token: string; securityCode: string; expiresAt: Date };

/**
 * Fresh tokens and security codes for a run of letters (F16), one per holder. A token is 48
 * random bytes written as 96 uppercase hex characters, as the apps expect; only its SHA-256 is
 * stored. The holders' earlier letters' tokens are superseded and their failures forgotten: statements
 * per 500 holders, an insert per 100.
 */
export async function issueLetterTokens(tx: Tx, holders: LetterHolder[], issuedAt: Date = clock.now()): Promise<IssuedToken[]> {
  const expiresAt = letterTokenExpiry(issuedAt);
  const issued = holders.map(() => ({ token: randomBytes(48).toString("hex").toUpperCase(), securityCode: randomDigits(4), expiresAt }));
  for (const kind of ["user", "person"] as const) {
    for (const ids of slices(holders.filter((h) => h.kind === kind).map((h) => h.id))) {
      await tx.letterToken.updateMany({
        where: { [holderColumn(kind)]: { in: ids }, revokedAt: null, usedAt: null },
        data: { revokedAt: issuedAt },
      });
      // A new letter brings its ten tries: the old letters' failures no longer count.
      const where = { id: { in: ids }, letterTokenFailures: { gt: 0 } };
      if (kind === "user") await tx.controllerUser.updateMany({ where, data: { letterTokenFailures: 0 } });
      else await tx.espacePerson.updateMany({ where, data: { letterTokenFailures: 0 } });
    }
  }
  // One INSERT of many rows, in slices of 100 (7 values a row, under SQLite's ~999): Prisma's
  // createMany cost 0.45 ms a letter here, most of what composing 3,000 letters held the server.
  for (let from = 0; from < holders.length; from += 100) {
    const rows = holders
      .slice(from, from + 100)
      .map(
        (holder, i) =>
          Prisma.sql`(${randomUUID()}, ${holder.accountId}, ${holder.kind === "user" ? holder.id : null}, ${holder.kind === "person" ? holder.id : null}, ${hashToken(issued[from + i].token)}, ${expiresAt}, ${issuedAt})`,
      );
    await tx.$executeRaw`INSERT INTO "LetterToken" ("id", "accountId", "userId", "personId", "tokenHash", "expiresAt", "createdAt") VALUES ${Prisma.join(rows)}`;
  }
  return issued;
}

export async function issueLetterToken(tx: Tx, holder: LetterHolder, issuedAt: Date = clock.now()) {
  const [issued] = await issueLetterTokens(tx, [holder], issuedAt);
  return issued;
}

/**
 * The mobile app's sign-in: login id and the decrypted token. A token works once, for its own
 * holder, within its month, while his password is still provisional. Every failure counts against
 * the holder; at ten (a wrong security code garbles the token each time), all his tokens die.
 */
export async function consumeLetterToken(holder: LetterHolder & { provisional: boolean }, token: string, now: Date = clock.now()) {
  // The try takes its place (one of ten) before the token is looked at: a burst is judged as a row.
  const place = await takeNumberedPlace(
    MAX_LETTER_TOKEN_FAILURES,
    () => failuresOf(holder),
    (from) => setFailures(holder, from, from + 1),
  );
  if (place === null) throw new AppError("INVALID_TOKEN", INVALID_LETTER_TOKEN);
  const row = /^[0-9A-F]{96}$/.test(token) ? await db.letterToken.findUnique({ where: { tokenHash: hashToken(token) } }) : null;
  const usable =
    row !== null &&
    row[holderColumn(holder.kind)] === holder.id &&
    row.accountId === holder.accountId &&
    row.usedAt === null &&
    row.revokedAt === null &&
    row.expiresAt > now &&
    holder.provisional;
  if (usable) {
    // Conditional: of two simultaneous uses, one wins.
    const claimed = await db.letterToken.updateMany({ where: { id: row.id, usedAt: null, revokedAt: null }, data: { usedAt: now } });
    if (claimed.count === 1) {
      await resetFailures(holder);
      return;
    }
  }
  if (place >= MAX_LETTER_TOKEN_FAILURES) await revokeLetterTokens(db, holder, now);
  throw new AppError("INVALID_TOKEN", INVALID_LETTER_TOKEN);
}

async function failuresOf(holder: LetterHolder): Promise<number | null> {
  const where = { id: holder.id };
  const select = { letterTokenFailures: true } as const;
  const row =
    holder.kind === "user" ? await db.controllerUser.findUnique({ where, select }) : await db.espacePerson.findUnique({ where, select });
  return row ? row.letterTokenFailures : null;
}

async function setFailures(holder: LetterHolder, from: number, to: number): Promise<number> {
  const where = { id: holder.id, letterTokenFailures: from };
  const data = { letterTokenFailures: to };
  const done =
    holder.kind === "user" ? await db.controllerUser.updateMany({ where, data }) : await db.espacePerson.updateMany({ where, data });
  return done.count;
}

async function resetFailures(holder: LetterHolder) {
  const where = { id: holder.id };
  const data = { letterTokenFailures: 0 };
  if (holder.kind === "user") await db.controllerUser.updateMany({ where, data });
  else await db.espacePerson.updateMany({ where, data });
}

/** F17: personalizing the password (or ten failures) kills every token of the holder. */
export async function revokeLetterTokens(tx: Tx | typeof db, holder: Pick<LetterHolder, "kind" | "id">, now: Date = clock.now()) {
  await tx.letterToken.updateMany({
    where: { [holderColumn(holder.kind)]: holder.id, usedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
}
