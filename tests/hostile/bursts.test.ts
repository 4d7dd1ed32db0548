// Every limited try, sent as a burst of parallel requests: judged exactly as the same tries in a row.
// Before the tries were reserved, each burst below was judged whole (100 PINs, 20 passwords, 6 e-mails).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authenticateHosting } from "@/lib/server/sign-in/hosting/authenticate-hosting";
import { installCertificate } from "@/lib/server/sign-in/hosting/certificates";
import { accountCounter, FREE_FAILURES, reserveTry } from "@/lib/server/sign-in/throttle";
import { resendCredentials } from "@/lib/server/hosting-account/resend-credentials";
import { MAX_PIN_FAILURES, verifyPin } from "@/lib/server/sign-in/controller/steps";
import { startUserSignIn } from "@/lib/server/sign-in/controller/first-step";
import { unlockPinWithCode } from "@/lib/server/sign-in/controller/unlock";
import { changeSecurityMeasure } from "@/lib/server/user/preferences";
import { consumeLetterToken, issueLetterToken, MAX_LETTER_TOKEN_FAILURES } from "@/lib/server/letters/letter-tokens";
import { MAX_CODE_FAILURES, verifySendingCode } from "@/lib/server/sending-account/verify-account";
import { startPersonalAccount } from "@/lib/server/sending-account/start-account";
import { importPeople } from "@/lib/server/people/import-people";
import { startEspaceSignIn } from "@/lib/server/sign-in/espace/espace-sign-in";
import { loadLetterRecipients } from "@/lib/server/letters/letter-recipients";
import { mobileUrl } from "@/lib/server/letters/qr-payload";
import { readMailbox } from "@/lib/dev/outboxes";
import { newAccount, readyAccount } from "../support/fixtures";
import { browser, burst, certifiedAccount, freshIp, journal, outcome, USER_PASSWORD, USER_PIN, userWithPin } from "./support";

const BURST = 50;

/**
 * Exactly `judged` tries were checked; every other one was refused unchecked: "Réessayez dans …",
 * or, for anonymous tries beyond what may wait their turn, "Trop de tentatives en cours".
 */
function expectJudged(counts: Record<string, number>, code: string, judged: number, total: number) {
  expect(counts[code]).toBe(judged);
  const { [code]: _judged, THROTTLED = 0, BUSY = 0, ...others } = counts;
  expect(others).toEqual({});
  expect(THROTTLED + BUSY).toBe(total - judged);
}

describe("A counter under a burst", () => {
  it("gives five places of fifty taken at once, whatever the lines in front of it", async () => {
    const counter = accountCounter(`test:${Date.now()}:${Math.random()}`);
    const counts = await burst(BURST, () => reserveTry([counter]));
    expect(counts).toEqual({ OK: FREE_FAILURES, THROTTLED: BURST - FREE_FAILURES });
  });
});

describe("Console password and invoice number under a burst", () => {
  it("judges five of fifty simultaneous wrong passwords, and never holds back the owner's certified browser", async () => {
    const account = await certifiedAccount();
    const counts = await burst(BURST, (i) =>
      authenticateHosting({ hostingNumber: account.hostingNumber, password: `Mauvais-mot-${i}`, ip: freshIp() }),
    );
    expectJudged(counts, "INVALID_CREDENTIALS", FREE_FAILURES, BURST);
    expect(await journal(account.accountId, "signin.failure")).toBe(FREE_FAILURES);
    expect((await db.signInThrottle.findUnique({ where: { key: `hosting:${account.hostingNumber}` } }))?.failures).toBe(FREE_FAILURES);
    // As after an hour of patient tries: the account waits its longest.
    await db.signInThrottle.update({
      where: { key: `hosting:${account.hostingNumber}` },
      data: { failures: 30, blockedTil: new Date(Date.now() + 15 * 60_000) },
    });
    // Without the certificate the account is slowed, from any address…
    const right = { hostingNumber: account.hostingNumber, password: account.consolePassword };
    expect(await outcome(authenticateHosting({ ...right, ip: freshIp() }))).toBe("THROTTLED");
    // …but its owner, from his certified browser, is in at once (before: "Réessayez dans 15 minutes").
    const signedIn = await authenticateHosting({ ...right, ip: freshIp(), certificateToken: account.certificateToken });
    expect(signedIn.certificate?.accountId).toBe(account.accountId);
  });

  it("counts the certified browser's own mistakes on its own counter", async () => {
    const account = await certifiedAccount();
    const counts = await burst(BURST, (i) =>
      authenticateHosting({
        hostingNumber: account.hostingNumber,
        password: `Mauvais-mot-${i}`,
        ip: freshIp(),
        certificateToken: account.certificateToken,
      }),
    );
    expectJudged(counts, "INVALID_CREDENTIALS", FREE_FAILURES, BURST);
  });

  it("judges five of fifty simultaneous invoice numbers, and a right password does not reset their count", async () => {
    const account = await newAccount();
    const attempt = { hostingNumber: account.hostingNumber, password: account.consolePassword, userAgent: "" };
    const counts = await burst(BURST, (i) => installCertificate({ ...attempt, invoiceNumber: String(1_000_000_000 + i), ip: freshIp() }));
    expectJudged(counts, "INVALID_INVOICE", FREE_FAILURES, BURST);
    expect(await journal(account.accountId, "certificate.refused")).toBe(FREE_FAILURES);
    expect(await db.deviceCertificate.count({ where: { accountId: account.accountId } })).toBe(0);
    // Before: every right console password set the invoice counter back to zero.
    await authenticateHosting({ ...attempt, ip: freshIp() });
    expect((await db.signInThrottle.findUnique({ where: { key: `invoice:${account.accountId}` } }))?.failures).toBe(FREE_FAILURES);
  });

  it("does not hold one account's correct sign-in behind another's mistakes from the same address", async () => {
    const ip = freshIp();
    const a = await newAccount();
    const b = await newAccount();
    for (let i = 0; i < 2; i++) {
      await outcome(authenticateHosting({ hostingNumber: a.hostingNumber, password: `Mauvais-mot-${i}`, ip }));
      await outcome(
        installCertificate({ hostingNumber: a.hostingNumber, password: a.consolePassword, invoiceNumber: "1234567890", ip, userAgent: "" }),
      );
    }
    // A school's staff behind one address mistype their own hosting numbers, twenty times at once.
    await burst(20, (i) =>
      authenticateHosting({ hostingNumber: `8888888${String(i).padStart(5, "0")}`, password: "Mauvais-mot-de-passe", ip }),
    );
    // Before: "Réessayez dans …" for b, who had made no mistake.
    const installed = await installCertificate({
      hostingNumber: b.hostingNumber,
      password: b.consolePassword,
      invoiceNumber: b.invoiceNumber,
      ip,
      userAgent: "",
    });
    expect(installed.accountId).toBe(b.accountId);
  });
});

describe("Known and unknown hosting numbers", () => {
  it("answer alike, in words and in time, each after four failures: every typed number has its counter", async () => {
    const account = await newAccount();
    const unknown = `${(Number(account.hostingNumber.slice(0, 1)) + 1) % 10}${account.hostingNumber.slice(1)}`;
    expect(await db.hostingAccount.count({ where: { hostingNumber: unknown } })).toBe(0);
    const tries = async (hostingNumber: string) => {
      const answers: { code: string; message: string; ms: number }[] = [];
      for (let i = 0; i < 7; i++) {
        const start = performance.now();
        const message = await authenticateHosting({ hostingNumber, password: "ABCDEFGHJKMNPQ", ip: freshIp() }).then(
          () => "OK",
          (error: Error) => error.message,
        );
        answers.push({ code: message, message, ms: performance.now() - start });
      }
      return answers;
    };
    const known = await tries(account.hostingNumber);
    const other = await tries(unknown);
    expect(other.map((a) => a.message)).toEqual(known.map((a) => a.message));
    // The fifth is judged (argon2 for both), the sixth and seventh wait (no argon2 for either).
    expect(known.map((a) => a.message.startsWith("Trop de tentatives"))).toEqual([false, false, false, false, false, true, true]);
    for (const i of [4, 5]) expect(Math.abs(known[i].ms - other[i].ms), `try ${i + 1}`).toBeLessThan(40);
  });
});

describe("Controller users under a burst", () => {
  it("judges five of fifty simultaneous passwords; the user's recognised device still signs in", async () => {
    const { account, fqdn, office } = await userWithPin();
    const counts = await burst(BURST, (i) => startUserSignIn({ domain: fqdn, loginId: "afilaire", password: `Mauvais-${i}` }, browser()));
    expectJudged(counts, "INVALID", FREE_FAILURES, BURST);
    expect(await journal(account.accountId, "user.signin.failure")).toBe(FREE_FAILURES);
    await db.signInThrottle.update({
      where: { key: `user:${account.accountId}:afilaire` },
      data: { failures: 30, blockedTil: new Date(Date.now() + 15 * 60_000) },
    });
    expect(await outcome(startUserSignIn({ domain: fqdn, loginId: "afilaire", password: USER_PASSWORD }, browser()))).toBe("THROTTLED");
    // Before: locked out for 15 minutes by whoever knew his login id.
    expect((await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: USER_PASSWORD }, office)).next).toBe("done");
  });

  it("signs a user in from his recognised device in the middle of a 20-try burst on his login from other addresses", async () => {
    const { fqdn, office } = await userWithPin();
    let mine = "";
    const counts = await burst(21, async (i) => {
      if (i !== 10) return startUserSignIn({ domain: fqdn, loginId: "afilaire", password: `Mauvais-${i}` }, browser());
      mine = (await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: USER_PASSWORD }, office)).next;
    });
    expect(mine).toBe("done");
    expect(counts.INVALID).toBe(FREE_FAILURES);
    // And while the burst's counter is still waiting.
    expect((await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: USER_PASSWORD }, office)).next).toBe("done");
  });

  it("judges ten of sixty simultaneous PINs, locks once and sends one e-mail", async () => {
    const { account, fqdn, email } = await userWithPin();
    const stranger = browser();
    const step = await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: USER_PASSWORD }, stranger);
    expect(step.next).toBe("pin");
    const counts = await burst(60, () => verifyPin({ ticket: step.ticket, pin: "8264" }, stranger));
    // Before: all 60 judged (and a right PIN among them let in).
    expect(counts).toEqual({ PIN: MAX_PIN_FAILURES - 1, PIN_LOCKED: 60 - MAX_PIN_FAILURES + 1 });
    expect(await outcome(verifyPin({ ticket: step.ticket, pin: USER_PIN }, stranger))).toBe("PIN_LOCKED");
    expect(await journal(account.accountId, "user.pin.failure")).toBe(MAX_PIN_FAILURES);
    expect(await journal(account.accountId, "user.pin.locked")).toBe(1);
    // Before: one lock e-mail (and one new unlock code) per try past the lock.
    await expect.poll(() => readMailbox().filter((m) => m.to.includes(email) && m.subject.includes("bloquée")).length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readMailbox().filter((m) => m.to.includes(email) && m.subject.includes("bloquée"))).toHaveLength(1);
  });

  it("judges five of fifty simultaneous unlock codes", async () => {
    const { fqdn, email } = await userWithPin();
    const stranger = browser();
    const step = await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: USER_PASSWORD }, stranger);
    for (let i = 0; i < MAX_PIN_FAILURES; i++) await outcome(verifyPin({ ticket: step.ticket, pin: "8264" }, stranger));
    const code = await expect
      .poll(() =>
        readMailbox()
          .filter((m) => m.to.includes(email))
          .map((m) => /code de déblocage : (\S+)/.exec(m.text)?.[1])
          .find(Boolean),
      )
      .toBeTruthy()
      .then(
        () =>
          readMailbox()
            .filter((m) => m.to.includes(email))
            .map((m) => /code de déblocage : (\S+)/.exec(m.text)?.[1])
            .find(Boolean)!,
      );
    const attempt = { domain: fqdn, loginId: "afilaire", password: USER_PASSWORD };
    const counts = await burst(BURST, (i) => unlockPinWithCode({ ...attempt, code: `FAUX${String(i).padStart(4, "0")}` }, browser()));
    expectJudged(counts, "INVALID", FREE_FAILURES, BURST);
    // The stored code is no plain SHA-256 of the code (a million-code space is reversed in a second).
    const { createHash } = await import("node:crypto");
    const stored = await db.controllerUser.findFirstOrThrow({ where: { email }, omit: { pinUnlockCodeHash: false } });
    expect(stored.pinUnlockCodeHash).not.toBe(createHash("sha256").update(code).digest("hex"));
  });

  it("limits the password asked again in Mes préférences: five of fifty simultaneous", async () => {
    const { account, user } = await userWithPin();
    const ctx = { accountId: account.accountId, userId: user.id, actor: "afilaire", ip: freshIp() };
    // Before: no counter at all.
    const counts = await burst(BURST, (i) => changeSecurityMeasure(ctx, { password: `Mauvais-${i}`, measure: "NONE" }));
    expectJudged(counts, "PASSWORD", FREE_FAILURES, BURST);
  });
});

describe("Letters, codes and e-mails under a burst", () => {
  it("judges ten of fifty simultaneous letter tokens, then every token of the holder is dead", async () => {
    const account = await readyAccount();
    const ctx = { accountId: account.accountId, actor: "responsable", ip: "127.0.0.1" };
    const planningId = account.plannings[0].id;
    await importPeople(ctx, { population: "ELEVES", planningId, bytes: Buffer.from("Nom;Prénom;Identifiant\nBoulanger;Lisa;lisa.b") });
    const person = await db.espacePerson.findFirstOrThrow({ where: { accountId: account.accountId } });
    const holder = { kind: "person" as const, id: person.id, accountId: account.accountId };
    const letter = await db.$transaction((tx) => issueLetterToken(tx, holder));
    const counts = await burst(BURST, () => consumeLetterToken({ ...holder, provisional: true }, "AB".repeat(48)));
    expect(counts).toEqual({ INVALID_TOKEN: BURST });
    expect((await db.espacePerson.findUniqueOrThrow({ where: { id: person.id } })).letterTokenFailures).toBe(MAX_LETTER_TOKEN_FAILURES);
    expect(await outcome(consumeLetterToken({ ...holder, provisional: true }, letter.token))).toBe("INVALID_TOKEN");
    // A new letter brings its ten tries.
    const next = await db.$transaction((tx) => issueLetterToken(tx, holder));
    expect(await outcome(consumeLetterToken({ ...holder, provisional: true }, next.token))).toBe("OK");
  });

  it("judges five of fifty simultaneous Espace passwords for one login", async () => {
    const account = await readyAccount();
    const ctx = { accountId: account.accountId, actor: "responsable", ip: "127.0.0.1" };
    await db.planning.update({ where: { id: account.plannings[0].id }, data: { status: "RUNNING", publication: "PUBLISHED" } });
    await importPeople(ctx, {
      population: "ELEVES",
      planningId: account.plannings[0].id,
      bytes: Buffer.from("Nom;Prénom;Identifiant\nBoulanger;Lisa;lisa.b"),
    });
    const person = await db.espacePerson.findFirstOrThrow({ where: { accountId: account.accountId } });
    const [recipient] = await loadLetterRecipients(account.accountId, "ELEVES", [`person:${person.id}`]);
    const url = mobileUrl(recipient.espaceAddress, "eleve");
    const counts = await burst(BURST, (i) => startEspaceSignIn({ url, loginId: "lisa.b", password: `Mauvais-${i}` }, { ip: freshIp() }));
    expectJudged(counts, "INVALID", FREE_FAILURES, BURST);
    expect(await journal(account.accountId, "espace.signin.password.failure")).toBe(FREE_FAILURES);
  });

  it("judges five of fifty simultaneous e-mailed codes, stored as an HMAC", async () => {
    const account = await readyAccount();
    const ctx = {
      accountId: account.accountId,
      role: "SUPERADMIN" as const,
      userId: account.superadminId,
      actor: "sadmin",
      ip: "127.0.0.1",
    };
    const email = `sadmin${Date.now()}@ecole.test`;
    await startPersonalAccount(ctx, { name: "ADMIN Super", email });
    const code = await expect
      .poll(() =>
        readMailbox()
          .filter((m) => m.to.includes(email))
          .at(-1),
      )
      .toBeTruthy()
      .then(
        () =>
          /console d'hébergement : (\d{6})/.exec(
            readMailbox()
              .filter((m) => m.to.includes(email))
              .at(-1)!.text,
          )![1],
      );
    const wrong = (i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0");
    const counts = await burst(BURST, (i) => verifySendingCode(ctx, wrong(i)));
    expect(counts).toEqual({ CODE: MAX_CODE_FAILURES, CODE_EXPIRED: BURST - MAX_CODE_FAILURES });
    expect(await outcome(verifySendingCode(ctx, code))).toBe("CODE_EXPIRED");
    const stored = await db.sendingAccount.findFirstOrThrow({ where: { email }, omit: { codeHash: false } });
    const { createHash } = await import("node:crypto");
    // Before: SHA-256 of the code, found back by trying the million codes.
    expect(stored.codeHash).not.toBe(createHash("sha256").update(code).digest("hex"));
  });

  it("sends one e-mail for fifty simultaneous 'Recevoir mes identifiants d'hébergement'", async () => {
    const account = await newAccount();
    const counts = await burst(BURST, () => resendCredentials({ accountId: account.accountId, ip: freshIp() }));
    // Before: 6 of 6 simultaneous requests sent.
    expect(counts).toEqual({ OK: 1, TOO_SOON: BURST - 1 });
    expect(await db.outboundMessage.count({ where: { accountId: account.accountId, kind: "reminder" } })).toBe(1);
  });
});
