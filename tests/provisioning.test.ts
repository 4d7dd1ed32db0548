import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { readMailbox, readSmsOutbox } from "@/lib/dev/outboxes";
import { provisionHostingAccount } from "@/lib/server/hosting-account/provision-hosting-account";
import { resetConsolePassword } from "@/lib/server/hosting-account/reset-console-password";
import { authenticateHosting } from "@/lib/server/sign-in/hosting/authenticate-hosting";
import { installCertificate } from "@/lib/server/sign-in/hosting/certificates";
import { UNAMBIGUOUS_ALPHABET } from "@/lib/server/security/secrets";
import { espacesAddress } from "@/lib/products";
import { newAccount } from "./support/fixtures";
import { storedRows, storedTables } from "./support/stored";

describe("F1 provisioning", () => {
  it("generates a 12-digit hosting number, a 10-digit invoice number and a 14-character password", async () => {
    const account = await newAccount();
    expect(account.hostingNumber).toMatch(/^\d{12}$/);
    expect(account.invoiceNumber).toMatch(/^\d{10}$/);
    expect(account.consolePassword).toHaveLength(14);
    for (const c of account.consolePassword) expect(UNAMBIGUOUS_ALPHABET).toContain(c);
    expect(UNAMBIGUOUS_ALPHABET).not.toMatch(/[0O1lI]/);
  });

  it("sends the numbers by e-mail and the password by SMS, never together", async () => {
    const account = await newAccount();
    const mail = readMailbox().find((m) => m.to.includes(account.email));
    expect(mail?.text).toContain(account.hostingNumber);
    expect(mail?.text).toContain(account.invoiceNumber);
    expect(mail?.text).not.toContain(account.consolePassword);
    const sms = readSmsOutbox().find((s) => s.to === account.mobile);
    expect(sms?.text).toContain(account.consolePassword);
    expect(sms?.text).not.toContain(account.invoiceNumber);
    const log = await db.outboundMessage.findMany({ where: { accountId: account.accountId } });
    expect(log.map((m) => `${m.channel}:${m.status}`).sort()).toEqual(["EMAIL:SENT", "SMS:SENT"]);
  });

  it("requires the RNE for PRONOTE and derives the Espaces address from it", async () => {
    await expect(
      provisionHostingAccount({
        product: "PRONOTE",
        establishment: "Collège sans RNE",
        responsibleName: "X",
        responsibleEmail: "x@college.test",
        responsibleMobile: "0611111111",
      }),
    ).rejects.toThrow("Le code RNE/UAI est obligatoire pour PRONOTE.");
    const account = await newAccount("PRONOTE", { rne: "0751234a" });
    const row = await db.hostingAccount.findUniqueOrThrow({ where: { id: account.accountId } });
    expect(row.rne).toBe("0751234A");
    expect(espacesAddress("PRONOTE", null, row.rne)).toBe("https://0751234a.index-education.net/pronote/");
    expect(espacesAddress("HYPERPLANNING", "ecole.hyperplanning.fr", null)).toBe("https://ecole.hyperplanning.fr/");
  });

  it("opens no account when the SMTP server does not answer", async () => {
    const before = await db.hostingAccount.count();
    const saved = process.env.SMTP_URL;
    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    try {
      await expect(
        provisionHostingAccount({
          product: "HYPERPLANNING",
          establishment: "Lycée",
          responsibleName: "X",
          responsibleEmail: "smtp-down@lycee.test",
          responsibleMobile: "0622222222",
        }),
      ).rejects.toThrow(/Le serveur SMTP ne répond pas/);
    } finally {
      process.env.SMTP_URL = saved;
    }
    expect(await db.hostingAccount.count()).toBe(before);
  });

  it("resets the password: the new one works, the old one no longer does, open sessions end", async () => {
    const account = await newAccount();
    const before = await db.hostingAccount.findUniqueOrThrow({ where: { id: account.accountId } });
    const { consolePassword } = await resetConsolePassword(account.hostingNumber);
    const after = await db.hostingAccount.findUniqueOrThrow({ where: { id: account.accountId } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    await expect(
      authenticateHosting({ hostingNumber: account.hostingNumber, password: account.consolePassword, ip: "10.8.0.1" }),
    ).rejects.toThrow();
    await expect(
      authenticateHosting({ hostingNumber: account.hostingNumber, password: consolePassword, ip: "10.8.0.2" }),
    ).resolves.toBeTruthy();
    expect(
      readSmsOutbox()
        .filter((s) => s.to === account.mobile)
        .at(-1)?.text,
    ).toContain(consolePassword);
  });
});

describe("Secrets at rest", () => {
  it("stores the console password and invoice number only as argon2id hashes, certificates only as hashes", async () => {
    const account = await newAccount();
    const { token } = await installCertificate({
      hostingNumber: account.hostingNumber,
      password: account.consolePassword,
      invoiceNumber: account.invoiceNumber,
      ip: "10.8.0.3",
      userAgent: "",
    });
    const [row] = (await storedRows("HostingAccount")).filter((r) => r.id === account.accountId) as {
      consolePasswordHash: string;
      invoiceNumberHash: string;
    }[];
    for (const hash of [row.consolePasswordHash, row.invoiceNumberHash]) {
      expect(hash).toMatch(/^\$argon2id\$v=19\$/);
      const params = Object.fromEntries(
        hash
          .split("$")[3]
          .split(",")
          .map((kv) => kv.split("=")),
      );
      expect(params).toEqual({ m: "19456", t: "2", p: "1" });
    }
    // No table holds any of the three secrets in clear, in any text column.
    for (const name of await storedTables()) {
      const dump = JSON.stringify(await storedRows(name), (_, value) => (typeof value === "bigint" ? String(value) : value));
      expect(dump).not.toContain(account.consolePassword);
      expect(dump).not.toContain(account.invoiceNumber);
      expect(dump).not.toContain(token);
    }
    const [cert] = (await storedRows("DeviceCertificate", account.accountId)) as { tokenHash: string }[];
    expect(cert.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("never returns a secret column from an ordinary query", async () => {
    const account = await newAccount();
    const row = await db.hostingAccount.findUniqueOrThrow({ where: { id: account.accountId } });
    expect(row).not.toHaveProperty("consolePasswordHash");
    expect(row).not.toHaveProperty("invoiceNumberHash");
  });
});
