import "server-only";
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { availableParallelism } from "node:os";
import argon2 from "argon2";
import { concurrencyLimit, QueueFullError } from "@/lib/concurrency-limit";
import { AppError } from "@/lib/server/errors";

/** OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Argon2 runs on libuv's threads: left alone, a burst of sign-ins takes every core and each page
 * waits behind it. At most ARGON2_CONCURRENCY hashes run at once (default: the cores but one, at
 * least one), and back-to-back hashes keep at most ARGON2_SHARE of those threads' time (default
 * 0.5), so that sign-ins queue among themselves while pages keep their pace.
 */
const hashing = concurrencyLimit(
  Number(process.env.ARGON2_CONCURRENCY) || Math.max(1, availableParallelism() - 1),
  Math.min(1, Number(process.env.ARGON2_SHARE) || 0.5),
  // Tries nobody has vouched for yet wait in a bounded line (ARGON2_QUEUE, default 16): beyond,
  // "réessayez dans un instant" at once, rather than every sign-in waiting seconds behind them.
  { maxWaiting: Number(process.env.ARGON2_QUEUE) || 16 },
);

export const BUSY_MESSAGE = "Trop de tentatives en cours, réessayez dans un instant.";

function busy() {
  return new AppError("BUSY", BUSY_MESSAGE);
}

/**
 * Who is asking: "proven" for a caller something already vouches for (a session, a sign-in
 * ticket, a certified browser or recognised device), served first and never refused; "anonymous"
 * for anyone else, in the bounded line.
 */
export type Lane = "proven" | "anonymous";

/**
 * Anonymous tries run whole (counters, argon2, journal) at most ANONYMOUS_TRIES at a time (default
 * 2; argon2 takes one at a time anyway), ARGON2_QUEUE more waiting (default 16), the others told
 * "réessayez dans un instant" at once: a burst of them never spends the event loop all together
 * that a legitimate sign-in shares. Proven tries go straight in.
 */
const anonymousTries = concurrencyLimit(Number(process.env.ANONYMOUS_TRIES) || 2, 1, {
  maxWaiting: Number(process.env.ARGON2_QUEUE) || 16,
});

export async function inLane<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
  if (lane === "proven") return work();
  try {
    return await anonymousTries(work);
  } catch (error) {
    if (error instanceof QueueFullError) throw busy();
    throw error;
  }
}

async function hashed<T>(lane: Lane, task: () => Promise<T>): Promise<T> {
  try {
    return await hashing(task, { priority: lane === "proven" });
  } catch (error) {
    if (error instanceof QueueFullError) throw busy();
    throw error;
  }
}

export function hashSecret(secret: string): Promise<string> {
  return hashed("proven", () => argon2.hash(secret, ARGON2_OPTIONS));
}

export async function verifySecret(hash: string, secret: string, lane: Lane = "proven"): Promise<boolean> {
  // Length first: argon2 takes whatever it is given, and a megabyte is hashed slowly.
  if (secret.length > MAX_SECRET_LENGTH) return false;
  try {
    return await hashed(lane, () => argon2.verify(hash, secret));
  } catch (error) {
    if (error instanceof AppError) throw error;
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the time of one verification, so that an unknown identifier answers as slowly as a known one. */
export async function verifyAgainstNothing(secret: string, lane: Lane = "anonymous"): Promise<false> {
  dummyHash ??= hashSecret(randomBytes(16).toString("hex"));
  await verifySecret(await dummyHash, secret.slice(0, MAX_SECRET_LENGTH), lane);
  return false;
}

/** No password, PIN or code of ours is longer: anything longer is wrong before it is hashed. */
export const MAX_SECRET_LENGTH = 256;

export function randomDigits(length: number): string {
  let out = String(randomInt(1, 10)); // no leading zero: the number reads the same everywhere
  while (out.length < length) out += String(randomInt(0, 10));
  return out;
}

/** No 0/O/o, 1/l/I, nor look-alike punctuation: the password is read from an SMS and typed. */
export const UNAMBIGUOUS_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

export function randomPassword(length = 14, alphabet = UNAMBIGUOUS_ALPHABET): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(0, alphabet.length)];
  return out;
}

/** A bearer token with 256 bits of entropy, and the hash that is stored in its place. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * What is stored of a short code sent by e-mail (6 digits, 8 letters): an HMAC under the server's
 * key, since a plain SHA-256 of a million possible codes is reversed in under a second. `purpose`
 * keeps one kind of code from standing for another.
 */
export function codeDigest(purpose: string, code: string): string {
  const key = process.env.NEXTAUTH_SECRET;
  if (!key) throw new Error("NEXTAUTH_SECRET is not set");
  return createHmac("sha256", key).update(`${purpose}:${code}`).digest("hex");
}

export function digestMatches(stored: string | null, computed: string): boolean {
  if (!stored || stored.length !== computed.length) return false;
  return timingSafeEqual(Buffer.from(stored), Buffer.from(computed));
}
