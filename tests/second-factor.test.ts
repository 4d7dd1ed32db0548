// Issue 29, the second factor of whoever holds a school's keys: the hosting responsible and the
// superadministrators — TOTP applications, ten recovery codes, tries reserved before they are checked.
import { execFileSync } from "node:child_process";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { updateSecuritySettings } from "@/lib/server/controller/update-security-settings";
import { startUserSignIn } from "@/lib/server/sign-in/controller/first-step";
import {
  confirmUserFactorEnrolment,
  startUserFactorEnrolment,
  verifyUserSecondFactor,
} from "@/lib/server/sign-in/controller/second-factor-step";
import { completeUserSignIn, registerDevice } from "@/lib/server/sign-in/controller/steps";
import { CERTIFICATE_REQUIRED, SECOND_FACTOR_REQUIRED, signInHosting } from "@/lib/server/sign-in/hosting/sign-in-hosting";
import { certificateCookieName } from "@/lib/server/sign-in/hosting/certificates";
import { addTotpFactor, removeSecondFactor, renewRecoveryCodes, secondFactorsOf } from "@/lib/server/sign-in/second-factor/manage-factors";
import { type FactorOwner, hasSecondFactor, hostingOwner, userOwner } from "@/lib/server/sign-in/second-factor/owner";
import { resetSecondFactor } from "@/lib/server/sign-in/second-factor/reset-second-factor";
import { startTotpEnrolment, TOTP_REPLAYED } from "@/lib/server/sign-in/second-factor/totp";
import { verifySecondFactor, WRONG_FACTOR_CODE } from "@/lib/server/sign-in/second-factor/verify-second-factor";
import { FREE_FAILURES } from "@/lib/server/sign-in/throttle";
import { browser, burst, certifiedAccount, freshIp, journal, USER_PASSWORD, userWithPin } from "./hostile/support";

const SUPERADMIN_PASSWORD = "Motdepasse2026!";

/** What the owner's phone shows now for the secret it scanned, or the next window's code. */
const codeOf = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, "")), algorithm: "SHA1", digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

/** An application added and confirmed, as "Double authentification" does it: its secret and the recovery codes. */
async function enrol(owner: FactorOwner) {
  const enrolment = await startTotpEnrolment(owner, "test");
  // The code of the previous window confirms: the one of now stays for the test's sign-in.
  const { recoveryCodes } = await addTotpFactor(
    owner,
    { factorId: enrolment.factorId, code: codeOf(enrolment.secret, -1), name: "Téléphone" },
    freshIp(),
  );
  return { secret: enrolment.secret, recoveryCodes: recoveryCodes! };
}

async function superadminOf(accountId: string) {
  const user = await db.controllerUser.findFirstOrThrow({ where: { accountId, loginKey: "pmartin" } });
  return { user, owner: userOwner(user) };
}

describe("Adding an authenticator application", () => {
  it("keeps the secret sealed and the ten recovery codes hashed, and shows the codes once", async () => {
    const { account } = await userWithPin();
    const { owner } = await superadminOf(account.accountId);
    const enrolment = await startTotpEnrolment(owner, "École (pmartin)");
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrolment.qrSvg).toMatch(/^<svg/);
    // A wrong first code adds nothing.
    await expect(addTotpFactor(owner, { factorId: enrolment.factorId, code: "000000", name: "" }, freshIp())).rejects.toThrow(
      WRONG_FACTOR_CODE,
    );
    expect((await secondFactorsOf(owner)).factors).toHaveLength(0);
    const { recoveryCodes } = await addTotpFactor(
      owner,
      { factorId: enrolment.factorId, code: codeOf(enrolment.secret), name: "" },
      freshIp(),
    );
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes!) expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const row = await db.secondFactor.findFirstOrThrow({ where: { ownerId: owner.id }, omit: { secretEnc: false } });
    expect(row.secretEnc).not.toContain(enrolment.secret.replace(/\s/g, ""));
    expect(row.name).toBe("Application d'authentification");
    const stored = await db.recoveryCode.findMany({ where: { ownerId: owner.id }, omit: { codeHash: false } });
    expect(stored).toHaveLength(10);
    for (const code of stored) expect(code.codeHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes![0].replace(/-/g, "").slice(4));
    // A second application keeps the codes already noted.
    const second = await startTotpEnrolment(owner, "x");
    expect(
      (await addTotpFactor(owner, { factorId: second.factorId, code: codeOf(second.secret), name: "Tablette" }, freshIp())).recoveryCodes,
    ).toBeNull();
    expect((await secondFactorsOf(owner)).factors.map((f) => f.name)).toEqual(["Application d'authentification", "Tablette"]);
    expect(await journal(account.accountId, "factor.add")).toBe(2);
  });

  it("lets nobody confirm another owner's pending application", async () => {
    const a = await userWithPin();
    const b = await userWithPin();
    const owner = (await superadminOf(a.account.accountId)).owner;
    const other = (await superadminOf(b.account.accountId)).owner;
    const enrolment = await startTotpEnrolment(owner, "x");
    await expect(
      addTotpFactor(other, { factorId: enrolment.factorId, code: codeOf(enrolment.secret), name: "" }, freshIp()),
    ).rejects.toThrow("Cet ajout a expiré");
  });
});

describe("A superadministrator's sign-in with his application", () => {
  it("asks the code after the password, refuses a wrong one and the same one twice, and stands for the PIN", async () => {
    const { account, fqdn } = await userWithPin();
    const { owner, user } = await superadminOf(account.accountId);
    const { secret } = await enrol(owner);
    const client = browser();
    const step = await startUserSignIn({ domain: fqdn, loginId: "pmartin", password: SUPERADMIN_PASSWORD }, client);
    expect(step.next).toBe("second-factor");
    // The ticket of the password alone opens no session.
    await expect(completeUserSignIn(step.ticket, client.ip)).rejects.toThrow("La connexion n'est pas terminée.");
    await expect(verifyUserSecondFactor({ ticket: step.ticket, code: "123456" }, client)).rejects.toThrow(WRONG_FACTOR_CODE);
    const code = codeOf(secret);
    const after = await verifyUserSecondFactor({ ticket: step.ticket, code }, client);
    expect(after.next).toBe("security");
    // The same code again, even through a fresh password: refused.
    const again = await startUserSignIn({ domain: fqdn, loginId: "pmartin", password: SUPERADMIN_PASSWORD }, browser());
    await expect(verifyUserSecondFactor({ ticket: again.ticket, code }, browser())).rejects.toThrow(TOTP_REPLAYED);
    // The proven ticket cannot be sent back to the step.
    await expect(verifyUserSecondFactor({ ticket: after.ticket, code: codeOf(secret, 1) }, client)).rejects.toThrow(
      "Cette étape n'est pas attendue.",
    );
    // With a PIN chosen, an unknown browser asks no PIN once the application has spoken: the device's name comes next.
    await db.controllerUser.update({ where: { id: user.id }, data: { securityMeasure: "PIN" } });
    const other = browser();
    const withPin = await startUserSignIn({ domain: fqdn, loginId: "pmartin", password: SUPERADMIN_PASSWORD }, other);
    const named = await verifyUserSecondFactor({ ticket: withPin.ticket, code: codeOf(secret, 1) }, other);
    expect(named.next).toBe("device");
    const done = await registerDevice({ ticket: named.ticket, remember: false, name: "" }, other);
    expect((await completeUserSignIn(done.ticket, other.ip)).id).toBe(user.id);
  });

  it("takes a recovery code once, journalled, when the device is lost", async () => {
    const { account, fqdn } = await userWithPin();
    const { owner } = await superadminOf(account.accountId);
    const { recoveryCodes } = await enrol(owner);
    const client = browser();
    const step = await startUserSignIn({ domain: fqdn, loginId: "pmartin", password: SUPERADMIN_PASSWORD }, client);
    // Typed as read from paper: lower case, spaces for dashes.
    const typed = recoveryCodes[3].toLowerCase().replace(/-/g, " ");
    const after = await verifyUserSecondFactor({ ticket: step.ticket, code: typed }, client);
    expect(after.usedRecoveryCode).toBe(true);
    expect((await secondFactorsOf(owner)).codesLeft).toBe(9);
    expect(await journal(account.accountId, "factor.recovery-used")).toBe(1);
    const again = await startUserSignIn({ domain: fqdn, loginId: "pmartin", password: SUPERADMIN_PASSWORD }, browser());
    await expect(verifyUserSecondFactor({ ticket: again.ticket, code: recoveryCodes[3] }, browser())).rejects.toThrow(WRONG_FACTOR_CODE);
    // New codes: the old ones die.
    const renewed = await renewRecoveryCodes(owner, freshIp());
    expect(renewed).toHaveLength(10);
    await expect(verifySecondFactor(owner, recoveryCodes[5], freshIp())).rejects.toThrow(WRONG_FACTOR_CODE);
    await expect(verifySecondFactor(owner, renewed[0], freshIp())).resolves.toBe("recovery");
  });

  it("asks every superadministrator to add one when F5 Sécurité makes it mandatory, and no one else", async () => {
    const { account, fqdn, user: plainUser } = await userWithPin();
    const { owner } = await superadminOf(account.accountId);
    const settings = {
      allowedMeasures: ["NONE", "NOTIFY", "PIN"] as ("NONE" | "NOTIFY" | "PIN")[],
      pinMinLength: 4,
      passwordMinLength: 12,
    };
    await updateSecuritySettings(
      { accountId: account.accountId, actor: "responsable", ip: "127.0.0.1" },
      { ...settings, requireSecondFactor: true },
    );
    expect(await journal(account.accountId, "controller.second-factor")).toBe(1);
    const client = browser();
    const step = await startUserSignIn({ domain: fqdn, loginId: "pmartin", password: SUPERADMIN_PASSWORD }, client);
    expect(step.next).toBe("enrol-second-factor");
    const enrolment = await startUserFactorEnrolment({ ticket: step.ticket });
    const done = await confirmUserFactorEnrolment(
      { ticket: step.ticket, factorId: enrolment.factorId, code: codeOf(enrolment.secret), name: "Téléphone" },
      client,
    );
    expect(done.recoveryCodes).toHaveLength(10);
    expect(done.next).toBe("security");
    // Enrolled, the same password ticket can no longer add an application: whoever holds the password alone cannot.
    const thief = await startUserSignIn({ domain: fqdn, loginId: "pmartin", password: SUPERADMIN_PASSWORD }, browser());
    expect(thief.next).toBe("second-factor");
    await expect(startUserFactorEnrolment({ ticket: thief.ticket })).rejects.toThrow("Cette étape n'est pas attendue.");
    // Mandatory: the last application cannot be removed.
    const [factor] = (await secondFactorsOf(owner)).factors;
    await expect(removeSecondFactor(owner, factor.id, freshIp())).rejects.toThrow("La double authentification est obligatoire");
    // A user who is not a superadministrator is not asked (his office browser is recognised: straight in).
    const office = await startUserSignIn({ domain: fqdn, loginId: plainUser.loginId, password: USER_PASSWORD }, browser());
    expect(office.next).not.toMatch(/second-factor/);
  });
});

describe("The hosting responsible's sign-in with his application", () => {
  it("asks the code between the password and the certificate", async () => {
    const account = await certifiedAccount();
    const owner = hostingOwner(account.accountId);
    const { secret } = await enrol(owner);
    const cookies = { [certificateCookieName(account.accountId)]: account.certificateToken(account.accountId) };
    const attempt = { hostingNumber: account.hostingNumber, password: account.consolePassword, ip: freshIp(), cookies };
    await expect(signInHosting({ ...attempt, code: "" })).rejects.toThrow(SECOND_FACTOR_REQUIRED);
    await expect(signInHosting({ ...attempt, code: "999999" })).rejects.toThrow(WRONG_FACTOR_CODE);
    const session = await signInHosting({ ...attempt, code: codeOf(secret) });
    expect(session.accountId).toBe(account.accountId);
    // From a browser without the certificate, the code served first, then the invoice number's window.
    await expect(signInHosting({ ...attempt, cookies: {}, code: codeOf(secret, 1) })).rejects.toThrow(CERTIFICATE_REQUIRED);
    // A wrong password never reaches the code.
    await expect(signInHosting({ ...attempt, password: "Mauvais-mot-de-passe", code: codeOf(secret, -1) })).rejects.toThrow(
      "Numéro d'hébergement ou mot de passe incorrect.",
    );
  });
});

describe("A lost device without its recovery codes", () => {
  it("is reset by the provider's command line: applications and codes gone, sessions ended, the school's journal told", async () => {
    const account = await certifiedAccount();
    const owner = hostingOwner(account.accountId);
    await enrol(owner);
    const before = await db.hostingAccount.findUniqueOrThrow({ where: { id: account.accountId }, select: { sessionVersion: true } });
    const out = execFileSync(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        "scripts/console.ts",
        "reset-second-factor",
        "--hosting-number",
        account.hostingNumber,
      ],
      { encoding: "utf8", env: process.env },
    );
    expect(out).toContain("Double authentification réinitialisée (1 application retirée)");
    expect(await hasSecondFactor(owner)).toBe(false);
    expect(await db.recoveryCode.count({ where: { ownerId: owner.id } })).toBe(0);
    const after = await db.hostingAccount.findUniqueOrThrow({ where: { id: account.accountId }, select: { sessionVersion: true } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    const line = await db.auditEvent.findFirstOrThrow({ where: { accountId: account.accountId, action: "factor.reset" } });
    expect(line).toMatchObject({ actor: "hébergeur (ligne de commande)", detail: "responsable de l'hébergement" });
    // A controller user's, by his login.
    const { account: school } = await userWithPin();
    const { owner: superadmin } = await superadminOf(school.accountId);
    await enrol(superadmin);
    await resetSecondFactor(superadmin, { actor: "hébergeur (ligne de commande)" });
    expect(await hasSecondFactor(superadmin)).toBe(false);
  });
});

describe("Second-factor codes under a burst", () => {
  it("judges five of fifty wrong codes sent at once, and journals those five", async () => {
    const { account } = await userWithPin();
    const { owner } = await superadminOf(account.accountId);
    await enrol(owner);
    const counts = await burst(50, (i) => verifySecondFactor(owner, String(100000 + i * 7919).slice(0, 6), freshIp()));
    expect(counts).toEqual({ CODE: FREE_FAILURES, THROTTLED: 50 - FREE_FAILURES });
    expect(await journal(account.accountId, "factor.failure")).toBe(FREE_FAILURES);
  });

  it("lets one of fifty tries of the same right code through", async () => {
    const { account } = await userWithPin();
    const { owner } = await superadminOf(account.accountId);
    const { secret } = await enrol(owner);
    const code = codeOf(secret);
    const counts = await burst(50, () => verifySecondFactor(owner, code, freshIp()));
    expect(counts.OK).toBe(1);
    expect((counts.CODE ?? 0) + (counts.THROTTLED ?? 0)).toBe(49);
  });

  it("keeps one application of two when both are removed at once and a second factor is required", async () => {
    const { account } = await userWithPin();
    const { owner } = await superadminOf(account.accountId);
    await enrol(owner);
    const second = await startTotpEnrolment(owner, "x");
    await addTotpFactor(owner, { factorId: second.factorId, code: codeOf(second.secret), name: "Tablette" }, freshIp());
    await db.controller.update({ where: { accountId: account.accountId }, data: { requireSecondFactor: true } });
    const factors = (await secondFactorsOf(owner)).factors;
    const counts = await burst(50, (i) => removeSecondFactor(owner, factors[i % 2].id, freshIp()));
    expect(counts.OK).toBe(1);
    expect((await secondFactorsOf(owner)).factors).toHaveLength(1);
    expect(await journal(account.accountId, "factor.remove")).toBe(1);
  });

  it("lets one of fifty tries of the same recovery code through", async () => {
    const { account } = await userWithPin();
    const { owner } = await superadminOf(account.accountId);
    const { recoveryCodes } = await enrol(owner);
    const counts = await burst(50, () => verifySecondFactor(owner, recoveryCodes[0], freshIp()));
    expect(counts.OK).toBe(1);
    expect(await db.recoveryCode.count({ where: { ownerId: owner.id, usedAt: { not: null } } })).toBe(1);
  });
});
