import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { randomPassword } from "./secrets";

/**
 * Provisional passwords are printed on connection letters until the user personalizes them, so
 * they are kept recoverable — encrypted with a key from the environment, never in clear — and
 * destroyed at personalization. Encrypting costs microseconds, so creating thousands of users
 * does not cost thousands of argon2 hashes.
 */
let derived: { raw: string; key: Buffer } | null = null;
function key(): Buffer {
  const raw = process.env.PROVISIONAL_KEY;
  if (!raw) throw new Error("PROVISIONAL_KEY is not set");
  // Any string of enough entropy; hashing gives AES-256 its 32 bytes (once per key, not per letter).
  if (derived?.raw !== raw) derived = { raw, key: createHash("sha256").update(raw).digest() };
  return derived.key;
}

export function newProvisionalPassword(): string {
  return randomPassword(10);
}

export function encryptProvisional(password: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(password, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function decryptProvisional(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1") throw new Error("unknown provisional password format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/**
 * Another secret the server must read back (a TOTP application's secret), under the same key and
 * bound to what it is for: the purpose is the cipher's additional data, so a sealed provisional
 * password pasted into a TOTP column does not open.
 */
export function sealFor(purpose: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv).setAAD(Buffer.from(purpose));
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v2", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function unsealFor(purpose: string, sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v2") throw new Error("unknown sealed secret format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url")).setAAD(Buffer.from(purpose));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

export function matchesProvisional(sealed: string, typed: string): boolean {
  const expected = createHash("sha256").update(decryptProvisional(sealed)).digest();
  const actual = createHash("sha256").update(typed).digest();
  return timingSafeEqual(expected, actual);
}
