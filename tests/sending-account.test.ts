import { describe, expect, it } from "vitest";
import { randomInt } from "node:crypto";
import { db } from "@/lib/db";
import { readMailbox } from "@/lib/dev/outboxes";
import { getPersonalAccount, signedInIdentity } from "@/lib/server/sending-account/accounts";
import { MAX_CODE_FAILURES, secureSendingAccount, verifySendingCode } from "@/lib/server/sending-account/verify-account";
import { resendSendingCode, startPersonalAccount } from "@/lib/server/sending-account/start-account";
import { readyAccount } from "./support/fixtures";

async function superadmin() {
  const account = await readyAccount();
  const email = `pmartin${randomInt(1e6, 1e7)}@ecole.test`;
  await db.controllerUser.update({ where: { id: account.superadminId }, data: { email, lastName: "Martin", firstName: "Pierre" } });
  const ctx = { accountId: account.accountId, role: "SUPERADMIN" as const, userId: account.superadminId, actor: "sadmin", ip: "127.0.0.1" };
  return { account, ctx, email };
}

async function codeSentTo(email: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const mail = readMailbox()
      .filter((m) => m.to.includes(email))
      .at(-1);
    const code = mail && /code dans la console d'hébergement : (\d{6})/.exec(mail.text)?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("no code e-mailed");
}

describe("F15 Paramétrer l'envoi d'e-mails — the personal account", () => {
  it("uses the signed-in user's identity, proves the address with the e-mailed code, and is secured by a question", async () => {
    const { ctx, email } = await superadmin();
    expect(await signedInIdentity(ctx)).toEqual({ name: "MARTIN Pierre", email });
    await startPersonalAccount(ctx, { name: "MARTIN Pierre", email });
    const code = await codeSentTo(email);
    await expect(secureSendingAccount(ctx, { question: "Ville de naissance", answer: "Paris" })).rejects.toThrow(
      "Vérifiez d'abord l'adresse e-mail avec le code reçu.",
    );
    expect(await verifySendingCode(ctx, code)).toEqual({ email });
    await secureSendingAccount(ctx, { question: "Ville de naissance", answer: " Paris " });
    const stored = await db.sendingAccount.findFirstOrThrow({
      where: { accountId: ctx.accountId },
      omit: { codeHash: false, secretAnswerHash: false },
    });
    expect(stored.readyAt).not.toBeNull();
    expect(stored.codeHash).toBeNull();
    expect(stored.secretAnswerHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(JSON.stringify(stored)).not.toContain("Paris");
  });

  it("allows five wrong codes, then asks for a new one; a new start puts the account back to unverified", async () => {
    const { ctx, email } = await superadmin();
    await startPersonalAccount(ctx, { name: "MARTIN Pierre", email });
    const code = await codeSentTo(email);
    const wrong = code === "111111" ? "222222" : "111111";
    await expect(verifySendingCode(ctx, wrong)).rejects.toThrow("Code incorrect. Il vous reste 4 essais.");
    for (let i = 2; i < MAX_CODE_FAILURES; i++) await verifySendingCode(ctx, wrong).catch(() => null);
    await expect(verifySendingCode(ctx, wrong)).rejects.toThrow(/n'est plus valable/);
    await expect(verifySendingCode(ctx, code)).rejects.toThrow(/n'est plus valable/);
    expect((await getPersonalAccount(ctx))?.verifiedAt).toBeNull();
  });

  it("refuses an expired code", async () => {
    const { ctx, email } = await superadmin();
    await startPersonalAccount(ctx, { name: "MARTIN Pierre", email });
    const code = await codeSentTo(email);
    await db.sendingAccount.updateMany({ where: { accountId: ctx.accountId }, data: { codeExpiresAt: new Date(Date.now() - 1000) } });
    await expect(verifySendingCode(ctx, code)).rejects.toThrow(/n'est plus valable/);
  });

  it("keeps one personal account per person: the hosting responsible's is his own", async () => {
    const { ctx, email } = await superadmin();
    const responsible = { ...ctx, role: "HOSTING" as const, userId: null, actor: "responsable" };
    await startPersonalAccount(ctx, { name: "MARTIN Pierre", email });
    expect(await getPersonalAccount(responsible)).toBeNull();
    expect((await signedInIdentity(responsible)).name).toBe("Camille Test");
  });
});

describe("F15 establishment accounts", () => {
  it("proves the address like a personal account, and sends only for the superadministrators it names", async () => {
    const { ctx, account } = await superadmin();
    const { setAllowedSenders, usableSendingAccount } = await import("@/lib/server/sending-account/accounts");
    const { startEstablishmentAccount } = await import("@/lib/server/sending-account/start-account");
    const email = `secretariat${randomInt(1e6, 1e7)}@ecole.test`;
    const responsible = { ...ctx, role: "HOSTING" as const, userId: null, actor: "responsable" };
    const { sendingAccountId } = await startEstablishmentAccount(responsible, { name: "Secrétariat", email });
    // Not ready yet: nobody sends with it.
    expect(await usableSendingAccount(responsible)).toBeNull();
    await verifySendingCode(responsible, await codeSentTo(email), sendingAccountId);
    await secureSendingAccount(responsible, { question: "Salle", answer: "B12" }, sendingAccountId);
    expect((await usableSendingAccount(responsible))?.email).toBe(email);
    // A superadministrator not named may not use it.
    expect(await usableSendingAccount(ctx)).toBeNull();
    await setAllowedSenders(responsible, sendingAccountId, [account.superadminId]);
    expect((await usableSendingAccount(ctx))?.email).toBe(email);
    // Only superadministrators of the account can be named.
    const other = await superadmin();
    await expect(setAllowedSenders(responsible, sendingAccountId, [other.account.superadminId])).rejects.toThrow("Élément introuvable");
    await expect(setAllowedSenders(other.ctx, sendingAccountId, [])).rejects.toThrow("Élément introuvable");
    await expect(verifySendingCode(other.ctx, "123456", sendingAccountId)).rejects.toThrow();
  });

  it("sends a new code on 'Je n'ai pas reçu le code', once a minute even for 50 clicks at once; the former code dies", async () => {
    const { ctx, email } = await superadmin();
    await startPersonalAccount(ctx, { name: "MARTIN Pierre", email });
    const first = await codeSentTo(email);
    const mails = () => readMailbox().filter((m) => m.to.includes(email)).length;
    // Within the minute of the first code: refused, nothing sent.
    await expect(resendSendingCode(ctx)).rejects.toMatchObject({ code: "TOO_SOON", field: "code" });
    expect(mails()).toBe(1);
    // A minute later, fifty clicks at once: one new code.
    await db.sendingAccount.updateMany({
      where: { accountId: ctx.accountId },
      data: { codeExpiresAt: new Date(Date.now() + 14 * 60_000 - 1000) },
    });
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => resendSendingCode(ctx)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "rejected").every((o) => (o as PromiseRejectedResult).reason.code === "TOO_SOON")).toBe(
      true,
    );
    for (let i = 0; i < 50 && mails() < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mails()).toBe(2);
    const second = await codeSentTo(email);
    if (second !== first) await expect(verifySendingCode(ctx, first)).rejects.toThrow();
    expect(await verifySendingCode(ctx, second)).toEqual({ email });
    // Verified: no code is awaited any more.
    await expect(resendSendingCode(ctx)).rejects.toMatchObject({ code: "NO_CODE" });
  });
});
