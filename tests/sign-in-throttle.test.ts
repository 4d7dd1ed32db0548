import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authenticateHosting, INVALID_CREDENTIALS_MESSAGE } from "@/lib/server/sign-in/hosting/authenticate-hosting";
import { installCertificate, findValidCertificate } from "@/lib/server/sign-in/hosting/certificates";
import { accountCounter, ADDRESS_LIMIT, delayAfterFailures, MAX_DELAY_MS, reserveTry } from "@/lib/server/sign-in/throttle";
import { AppError } from "@/lib/server/errors";
import { newAccount } from "./support/fixtures";

let ipCounter = 0;
const freshIp = () => `10.9.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe("F2 sign-in of the hosting responsible", () => {
  it("answers one message for an unknown hosting number and for a wrong password", async () => {
    const account = await newAccount();
    const ip = freshIp();
    await expect(authenticateHosting({ hostingNumber: account.hostingNumber, password: "x".repeat(14), ip })).rejects.toThrow(
      INVALID_CREDENTIALS_MESSAGE,
    );
    await expect(authenticateHosting({ hostingNumber: "000000000001", password: account.consolePassword, ip })).rejects.toThrow(
      INVALID_CREDENTIALS_MESSAGE,
    );
    await expect(
      authenticateHosting({ hostingNumber: account.hostingNumber, password: account.consolePassword, ip }),
    ).resolves.toMatchObject({ id: account.accountId });
  });

  it("takes as long for an unknown hosting number as for a known one", async () => {
    const account = await newAccount();
    const time = async (hostingNumber: string) => {
      // Every try is a first mistake: a throttled number answers at once, which is timed elsewhere.
      await db.signInThrottle.deleteMany({ where: { key: { contains: hostingNumber } } });
      const start = performance.now();
      await authenticateHosting({ hostingNumber, password: "Wrongpassword1", ip: freshIp() }).catch(() => {});
      return performance.now() - start;
    };
    await time("000000000002"); // warms the dummy hash
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 15; i++) {
      known.push(await time(account.hostingNumber));
      unknown.push(await time(`0000000001${String(i).padStart(2, "0")}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[7];
    // Without the dummy verification an unknown number answers in a fraction of the time (< 0.3).
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it("lets five mistakes pass, then makes each new try wait longer, up to 15 minutes", () => {
    expect([1, 2, 3, 4].map((n) => delayAfterFailures(n))).toEqual([0, 0, 0, 0]);
    const delays = [5, 6, 7, 8, 9].map((n) => delayAfterFailures(n));
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]);
    expect(delayAfterFailures(50)).toBe(MAX_DELAY_MS);
    expect(MAX_DELAY_MS).toBe(15 * 60 * 1000);
  });

  it("refuses even the right password while a hosting number is waiting, from any address", async () => {
    const account = await newAccount();
    for (let i = 0; i < 5; i++) {
      expect(await codeOf(authenticateHosting({ hostingNumber: account.hostingNumber, password: `wrong${i}`, ip: freshIp() }))).toBe(
        "INVALID_CREDENTIALS",
      );
    }
    const right = { hostingNumber: account.hostingNumber, password: account.consolePassword };
    await expect(authenticateHosting({ ...right, ip: freshIp() })).rejects.toThrow(/Trop de tentatives de connexion. Réessayez dans/);
    // The counter lives in the database: what another process (or a restart) reads is the same.
    const row = await db.signInThrottle.findUnique({ where: { key: `hosting:${account.hostingNumber}` } });
    expect(row?.failures).toBe(5);
    expect(row!.blockedTil!.getTime()).toBeGreaterThan(Date.now());
  });

  it("throttles an address that tries many hosting numbers", async () => {
    const ip = freshIp();
    // Anonymous tries of one address: a school's people share one; a hundred mistakes are free.
    for (let i = 0; i < ADDRESS_LIMIT.free; i++) {
      await codeOf(authenticateHosting({ hostingNumber: `9999999${String(i).padStart(5, "0")}`, password: "nope", ip }));
    }
    const account = await newAccount();
    expect(await codeOf(authenticateHosting({ hostingNumber: account.hostingNumber, password: account.consolePassword, ip }))).toBe(
      "THROTTLED",
    );
  });

  it("resets the hosting number's counter on success", async () => {
    const account = await newAccount();
    for (let i = 0; i < 4; i++) {
      await codeOf(authenticateHosting({ hostingNumber: account.hostingNumber, password: `wrong${i}`, ip: freshIp() }));
    }
    await authenticateHosting({ hostingNumber: account.hostingNumber, password: account.consolePassword, ip: freshIp() });
    expect(await db.signInThrottle.findUnique({ where: { key: `hosting:${account.hostingNumber}` } })).toBeNull();
  });

  it("doubles the wait with each failure once throttled", async () => {
    const key = `hosting:test-${Date.now()}`;
    const waits: number[] = [];
    let at = Date.now();
    for (let i = 0; i < 8; i++) {
      // Each try comes the moment the last wait ends.
      at += waits[i - 1] ?? 0;
      const now = new Date(at);
      await reserveTry([accountCounter(key)], now);
      const row = await db.signInThrottle.findUnique({ where: { key } });
      waits.push(row!.blockedTil ? row!.blockedTil.getTime() - now.getTime() : 0);
    }
    expect(waits).toEqual([0, 0, 0, 0, 1000, 2000, 4000, 8000]);
  });
});

describe("F2 device certificates", () => {
  it("installs a certificate only with the right invoice number, and stores nothing otherwise", async () => {
    const account = await newAccount();
    const attempt = {
      hostingNumber: account.hostingNumber,
      password: account.consolePassword,
      ip: freshIp(),
      userAgent: "Mozilla/5.0 (Windows NT 10.0) Chrome/140.0",
    };
    await expect(installCertificate({ ...attempt, invoiceNumber: "1234567890" })).rejects.toThrow("Numéro de facture incorrect.");
    expect(await db.deviceCertificate.count({ where: { accountId: account.accountId } })).toBe(0);

    const { token } = await installCertificate({ ...attempt, invoiceNumber: account.invoiceNumber });
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
    const certificate = await findValidCertificate(account.accountId, token);
    expect(certificate?.label).toBe("Chrome sous Windows");
    // Another account's browser token does not open this account.
    const other = await newAccount();
    expect(await findValidCertificate(other.accountId, token)).toBeNull();
  });

  it("refuses the certificate when the password is wrong, even with the right invoice number", async () => {
    const account = await newAccount();
    await expect(
      installCertificate({
        hostingNumber: account.hostingNumber,
        password: "wrongpassword!",
        invoiceNumber: account.invoiceNumber,
        ip: freshIp(),
        userAgent: "",
      }),
    ).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    expect(await db.deviceCertificate.count({ where: { accountId: account.accountId } })).toBe(0);
  });
});
