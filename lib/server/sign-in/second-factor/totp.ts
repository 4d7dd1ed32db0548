import "server-only";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { sealFor, unsealFor } from "@/lib/server/security/provisional";
import { type FactorOwner, ownedBy } from "./owner";

/**
 * TOTP (RFC 6238) with the parameters every authenticator application reads: SHA-1, 6 digits,
 * 30 seconds; a code is accepted one step either side of now (a phone's clock drifts). Real time,
 * never the console's calendar clock (lib/clock.ts): the phone does not follow it.
 */
const ISSUER = "Console d'hébergement";
const PURPOSE = "totp-secret";
const WINDOW = 1;

const totpOf = (secret: string, label = "") =>
  new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });

/** "ABCD EFGH …": the secret as a person types it when the QR code cannot be scanned. */
const grouped = (base32: string) => base32.replace(/(.{4})(?=.)/g, "$1 ");

/**
 * The first half of adding an application: a new secret, kept unconfirmed until a code from it is
 * typed back (confirmTotp). One pending enrolment per owner: a new one replaces the last.
 */
export async function startTotpEnrolment(owner: FactorOwner, label: string) {
  const secret = new Secret({ size: 20 }).base32;
  const factor = await db.$transaction(async (tx) => {
    await tx.secondFactor.deleteMany({ where: { ...ownedBy(owner), kind: "TOTP", confirmedAt: null } });
    return tx.secondFactor.create({ data: { ...ownedBy(owner), kind: "TOTP", secretEnc: sealFor(PURPOSE, secret) }, select: { id: true } });
  });
  const uri = totpOf(secret, label).toString();
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { factorId: factor.id, uri, secret: grouped(secret), qrSvg };
}

/** The time step `code` belongs to for this secret, or null when it is not one of the accepted steps. */
function stepOf(secretEnc: string, code: string, now: number): number | null {
  const totp = totpOf(unsealFor(PURPOSE, secretEnc));
  const delta = totp.validate({ token: code, timestamp: now, window: WINDOW });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}

export const TOTP_REPLAYED = "Ce code vient déjà de servir : attendez le suivant de votre application.";

/**
 * Takes the code's step on the factor with one conditional write: a code (or an older one) that
 * already served is refused, and two tries of the same code at once let one through.
 */
async function takeStep(factorId: string, step: number, confirm: boolean): Promise<void> {
  const now = new Date();
  const taken = await db.secondFactor.updateMany({
    where: { id: factorId, lastStep: { lt: step } },
    data: { lastStep: step, lastUsedAt: now, ...(confirm ? { confirmedAt: now } : {}) },
  });
  if (taken.count === 0) throw new AppError("CODE", TOTP_REPLAYED, "code");
}

/** Whether `code` comes from one of the owner's confirmed applications, spending its step if so. */
export async function acceptTotpCode(owner: FactorOwner, code: string, now = Date.now()): Promise<boolean> {
  const factors = await db.secondFactor.findMany({
    where: { ...ownedBy(owner), kind: "TOTP", confirmedAt: { not: null } },
    select: { id: true, secretEnc: true },
  });
  for (const factor of factors) {
    const step = stepOf(factor.secretEnc, code, now);
    if (step === null) continue;
    await takeStep(factor.id, step, false);
    return true;
  }
  return false;
}

/** The second half of adding an application: its first code confirms it. */
export async function confirmTotp(owner: FactorOwner, factorId: string, code: string, name: string, now = Date.now()): Promise<boolean> {
  const factor = await db.secondFactor.findFirst({
    where: { ...ownedBy(owner), id: factorId, kind: "TOTP", confirmedAt: null },
    select: { id: true, secretEnc: true },
  });
  if (!factor) throw new AppError("NOT_FOUND", "Cet ajout a expiré : recommencez l'ajout de l'application.");
  const step = stepOf(factor.secretEnc, code, now);
  if (step === null) return false;
  if (name) await db.secondFactor.update({ where: { id: factor.id }, data: { name } });
  await takeStep(factor.id, step, true);
  return true;
}
