import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { createUser } from "@/lib/server/user/create-user";
import { issueLetterToken, letterTokenExpiry, MAX_LETTER_TOKEN_FAILURES } from "@/lib/server/letters/letter-tokens";
import { personalizePassword } from "@/lib/server/sign-in/controller/steps";
import { startLetterSignIn, startUserSignIn } from "@/lib/server/sign-in/controller/first-step";
import { decryptWithSecurityCode, qrPayload } from "@/lib/server/letters/qr-payload";
import { hashToken } from "@/lib/server/security/secrets";
import { readyAccount } from "./support/fixtures";

let ipCounter = 0;
/** A fresh address per call, so that the address throttle of one test never slows another. */
const client = () => ({ ip: `10.9.${++ipCounter >> 8}.${ipCounter & 255}`, userAgent: "vitest", cookie: () => undefined });

async function student() {
  const account = await readyAccount();
  const ctx = { accountId: account.accountId, actor: "sadmin", ip: "127.0.0.1" };
  const user = await createUser(ctx, { loginId: "lisa.boulanger", lastName: "Boulanger", firstName: "Lisa" });
  const domain = (await db.domain.findFirstOrThrow({ where: { accountId: account.accountId, controllerId: { not: null } } })).fqdn;
  const issue = (at?: Date) =>
    db.$transaction((tx) => issueLetterToken(tx, { kind: "user", id: user.id, accountId: account.accountId }, at));
  return { account, user, domain, issue };
}

describe("Letter tokens (F16): once, a month, until the password is personalized", () => {
  it("stores only a hash, and the QR payload carries the token the app decrypts with the printed code", async () => {
    const { user, issue } = await student();
    const letter = await issue();
    expect(letter.token).toMatch(/^[0-9A-F]{96}$/);
    expect(letter.securityCode).toMatch(/^\d{4}$/);
    const rows = await db.letterToken.findMany({ where: { userId: user.id } });
    expect(rows.map((r) => r.tokenHash)).toEqual([hashToken(letter.token)]);
    expect(JSON.stringify(rows)).not.toContain(letter.token);
    const payload = JSON.parse(
      qrPayload({
        loginId: "lisa.boulanger",
        token: letter.token,
        securityCode: letter.securityCode,
        espacesAddress: "https://e.fr/",
        espace: "eleve",
      }),
    );
    expect(decryptWithSecurityCode(payload.jeton, letter.securityCode)).toBe(letter.token);
  });

  it("signs in once with login + token, leads to the personalization, then refuses the same token and the provisional password", async () => {
    const { user, domain, issue } = await student();
    const letter = await issue();
    const step = await startLetterSignIn({ domain, loginId: "Lisa.Boulanger", token: letter.token }, client());
    expect(step.next).toBe("personalize");
    await expect(startLetterSignIn({ domain, loginId: "lisa.boulanger", token: letter.token }, client())).rejects.toThrow(
      /n'est pas ou plus valable/,
    );
    await personalizePassword({ ticket: step.ticket, password: "Boulanger-Lisa-2026", confirmation: "Boulanger-Lisa-2026" }, client());
    await expect(startUserSignIn({ domain, loginId: "lisa.boulanger", password: user.provisionalPassword }, client())).rejects.toThrow(
      "Identifiant ou mot de passe incorrect.",
    );
  });

  it("dies when the password is personalized, even unused", async () => {
    const { user, domain, issue } = await student();
    const first = await issue();
    const step = await startUserSignIn({ domain, loginId: "lisa.boulanger", password: user.provisionalPassword }, client());
    const unused = await issue();
    await personalizePassword({ ticket: step.ticket, password: "Boulanger-Lisa-2026", confirmation: "Boulanger-Lisa-2026" }, client());
    for (const token of [first.token, unused.token]) {
      await expect(startLetterSignIn({ domain, loginId: "lisa.boulanger", token }, client())).rejects.toThrow(/plus valable/);
    }
  });

  it("refuses a superseded token, an expired one, and another user's", async () => {
    const { account, domain, issue } = await student();
    const older = await issue();
    const newer = await issue();
    await expect(startLetterSignIn({ domain, loginId: "lisa.boulanger", token: older.token }, client())).rejects.toThrow(/plus valable/);

    const monthAgo = new Date(Date.now() - 32 * 24 * 3600 * 1000);
    expect(letterTokenExpiry(new Date("2026-11-22T10:00:00Z"))).toEqual(new Date("2026-12-22T10:00:00Z"));
    const expired = await issue(monthAgo);
    await expect(startLetterSignIn({ domain, loginId: "lisa.boulanger", token: expired.token }, client())).rejects.toThrow(/plus valable/);

    const ctx = { accountId: account.accountId, actor: "sadmin", ip: "127.0.0.1" };
    await createUser(ctx, { loginId: "voisin", lastName: "Voisin", firstName: "Paul" });
    await expect(startLetterSignIn({ domain, loginId: "voisin", token: newer.token }, client())).rejects.toThrow(/plus valable/);
  });

  it("kills every token of the user after ten failures (wrong security codes garble the token)", async () => {
    const { domain, issue } = await student();
    const letter = await issue();
    for (let i = 0; i < MAX_LETTER_TOKEN_FAILURES; i++) {
      // Someone patient waits out the growing delays between tries: the count still ends it.
      await db.signInThrottle.deleteMany({ where: { key: { startsWith: "letter:" } } });
      const garbled = randomBytes(48).toString("hex").toUpperCase();
      await expect(startLetterSignIn({ domain, loginId: "lisa.boulanger", token: garbled }, client())).rejects.toThrow(/plus valable/);
    }
    await db.signInThrottle.deleteMany({ where: { key: { startsWith: "letter:" } } });
    await expect(startLetterSignIn({ domain, loginId: "lisa.boulanger", token: letter.token }, client())).rejects.toThrow(/plus valable/);
  });

  it("refuses a token of another account's user through this account's controller", async () => {
    const mine = await student();
    const theirs = await student();
    const letter = await theirs.issue();
    await expect(startLetterSignIn({ domain: mine.domain, loginId: "lisa.boulanger", token: letter.token }, client())).rejects.toThrow(
      /plus valable/,
    );
    expect(await db.letterToken.count({ where: { userId: theirs.user.id, usedAt: { not: null } } })).toBe(0);
  });
});
