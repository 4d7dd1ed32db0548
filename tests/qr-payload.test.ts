import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { decryptWithSecurityCode, encryptWithSecurityCode, mobileUrl, qrPayload } from "@/lib/server/letters/qr-payload";

describe("QR code of a connection letter (reference/qr-code-format.md)", () => {
  it("encrypts the reference's test vector", () => {
    expect(encryptWithSecurityCode("lisa.boulanger", "1234")).toBe("E641C7BAD9A59DC9D57C63F1D682895C");
  });

  it("holds the four keys; login and token decrypt with the printed code only", () => {
    const token = randomBytes(48).toString("hex").toUpperCase();
    const text = qrPayload({
      loginId: "lisa.boulanger",
      token,
      securityCode: "1234",
      espacesAddress: "https://0751234a.index-education.net/pronote/",
      espace: "eleve",
    });
    const payload = JSON.parse(text);
    expect(Object.keys(payload)).toEqual(["avecPageConnexion", "jeton", "login", "url"]);
    expect(payload).toMatchObject({
      avecPageConnexion: false,
      login: "E641C7BAD9A59DC9D57C63F1D682895C",
      url: "https://0751234a.index-education.net/pronote/mobile.eleve.html",
    });
    expect(payload.jeton).toMatch(/^[0-9A-F]+$/);
    expect(decryptWithSecurityCode(payload.jeton, "1234")).toBe(token);
    let wrong: string | null;
    try {
      wrong = decryptWithSecurityCode(payload.jeton, "4321");
    } catch {
      wrong = null;
    }
    expect(wrong).not.toBe(token);
  });

  it("builds the mobile address without query or fragment, and refuses what the apps cannot read", () => {
    expect(mobileUrl("https://ecole.pronote-campus.net", "parent")).toBe("https://ecole.pronote-campus.net/mobile.parent.html");
    expect(mobileUrl("https://ecole.pronote-campus.net/?x=1#y", "professeur")).toBe(
      "https://ecole.pronote-campus.net/mobile.professeur.html",
    );
    const base = { token: "AB", espacesAddress: "https://e.fr/", espace: "eleve" as const };
    expect(() => qrPayload({ ...base, loginId: "élodie", securityCode: "1234" })).toThrow(/ASCII/);
    expect(() => qrPayload({ ...base, loginId: "lisa", securityCode: "12345" })).toThrow(/4 digits/);
  });
});
