import { createCipheriv, createDecipheriv, createHash } from "node:crypto";

/**
 * The connection letter's QR code, in the format the PRONOTE mobile apps read
 * (`shared/reference/qr-code-format.md`): JSON with the login and a one-time token, each
 * AES-128-CBC encrypted under MD5(security code), zero IV, PKCS#7, uppercase hex.
 */
export const MOBILE_ESPACES = ["eleve", "parent", "professeur"] as const;
export type MobileEspace = (typeof MOBILE_ESPACES)[number];

const ZERO_IV = Buffer.alloc(16);
const keyOf = (securityCode: string) => createHash("md5").update(securityCode, "utf8").digest();

export function encryptWithSecurityCode(text: string, securityCode: string): string {
  const cipher = createCipheriv("aes-128-cbc", keyOf(securityCode), ZERO_IV);
  return Buffer.concat([cipher.update(text, "utf8"), cipher.final()])
    .toString("hex")
    .toUpperCase();
}

/** What the app does once the user types the code; a wrong code fails here or yields garbage. */
export function decryptWithSecurityCode(hex: string, securityCode: string): string {
  const decipher = createDecipheriv("aes-128-cbc", keyOf(securityCode), ZERO_IV);
  return Buffer.concat([decipher.update(Buffer.from(hex, "hex")), decipher.final()]).toString("utf8");
}

/** `https://<host>/<path>/mobile.<espace>.html` from the Espaces' public address. */
export function mobileUrl(espacesAddress: string, espace: MobileEspace): string {
  const url = new URL(espacesAddress);
  url.search = "";
  url.hash = "";
  const base = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
  url.pathname = `${base}mobile.${espace}.html`;
  return url.toString();
}

export type QrPayloadInput = {
  loginId: string;
  /** 96 uppercase hex characters: 48 random bytes, fresh for every letter. */
  token: string;
  securityCode: string;
  espacesAddress: string;
  espace: MobileEspace;
};

export type QrSegment = { data: string; mode: "byte" } | { data: string; mode: "alphanumeric" };

/**
 * The payload as QR segments: the uppercase hex parts in alphanumeric mode (5.5 bits a character
 * instead of 8), the rest in byte mode. The symbol is smaller than with one byte segment, and no
 * time goes into searching the best split. Joined, the segments are the JSON text of the reference.
 */
export function qrSegments(input: QrPayloadInput): QrSegment[] {
  if (!/^\d{4}$/.test(input.securityCode)) throw new Error("The security code is 4 digits.");
  if (!/^[\x20-\x7e]+$/.test(input.loginId)) throw new Error("Logins in QR codes are ASCII.");
  const url = JSON.stringify(mobileUrl(input.espacesAddress, input.espace));
  return [
    { data: '{"avecPageConnexion":false,"jeton":"', mode: "byte" },
    { data: encryptWithSecurityCode(input.token, input.securityCode), mode: "alphanumeric" },
    { data: '","login":"', mode: "byte" },
    { data: encryptWithSecurityCode(input.loginId, input.securityCode), mode: "alphanumeric" },
    { data: `","url":${url}}`, mode: "byte" },
  ];
}

/** The text the QR symbol holds, keys in the order the apps were observed to send. */
export function qrPayload(input: QrPayloadInput): string {
  return qrSegments(input)
    .map((segment) => segment.data)
    .join("");
}
