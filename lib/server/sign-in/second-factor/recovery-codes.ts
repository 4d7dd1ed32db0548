import "server-only";
import { randomInt } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { hashSecret, verifyAgainstNothing, verifySecret } from "@/lib/server/security/secrets";
import { type FactorOwner, ownedBy } from "./owner";

/**
 * The ten "codes de secours": shown once, each good for one sign-in when the device is lost. Twelve
 * characters of an alphabet without look-alikes (60 bits); the first four find the row, argon2id of
 * the other eight proves it — one hash checked per try, not ten.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const LOOKUP_LENGTH = 4;

const newCode = () => Array.from({ length: 12 }, () => ALPHABET[randomInt(0, ALPHABET.length)]).join("");

/** As printed: XXXX-XXXX-XXXX. */
export const formatRecoveryCode = (code: string) => code.replace(/(.{4})(?=.)/g, "$1-");

/** What the user typed, as stored: dashes and spaces dropped, upper case. */
export const normalizeRecoveryCode = (typed: string) => typed.replace(/[\s-]/g, "").toUpperCase();

export const looksLikeRecoveryCode = (code: string) => code.length === 12 && [...code].every((c) => ALPHABET.includes(c));

/** New codes for the owner; the old ones die. Returned once, formatted, never stored in clear. */
export async function issueRecoveryCodes(owner: FactorOwner, tx: Tx | typeof db = db): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  const hashes = await Promise.all(codes.map((code) => hashSecret(code.slice(LOOKUP_LENGTH))));
  await tx.recoveryCode.deleteMany({ where: ownedBy(owner) });
  await tx.recoveryCode.createMany({
    data: codes.map((code, i) => ({ ...ownedBy(owner), lookup: code.slice(0, LOOKUP_LENGTH), codeHash: hashes[i] })),
  });
  return codes.map(formatRecoveryCode);
}

export async function recoveryCodesLeft(owner: FactorOwner): Promise<number> {
  return db.recoveryCode.count({ where: { ...ownedBy(owner), usedAt: null } });
}

/** Spends the code if it is one of the owner's unused ones; two tries of one code at once: one wins. */
export async function spendRecoveryCode(owner: FactorOwner, code: string): Promise<boolean> {
  const rows = await db.recoveryCode.findMany({
    where: { ...ownedBy(owner), lookup: code.slice(0, LOOKUP_LENGTH), usedAt: null },
    select: { id: true, codeHash: true },
  });
  if (rows.length === 0) {
    await verifyAgainstNothing(code, "proven");
    return false;
  }
  for (const row of rows) {
    if (!(await verifySecret(row.codeHash, code.slice(LOOKUP_LENGTH)))) continue;
    const spent = await db.recoveryCode.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    return spent.count === 1;
  }
  return false;
}
