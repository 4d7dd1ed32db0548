import { vi } from "vitest";
import { randomInt } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { associateControllerDomain } from "@/lib/server/controller/associate-controller-domain";
import { createFirstSuperadmin } from "@/lib/server/user/create-first-superadmin";
import { createUser } from "@/lib/server/user/create-user";
import { updateUser } from "@/lib/server/user/update-user";
import { setControllerStatus } from "@/lib/server/controller/set-controller-status";
import { installCertificate } from "@/lib/server/sign-in/hosting/certificates";
import { chooseSecurityMeasure, personalizePassword, registerDevice } from "@/lib/server/sign-in/controller/steps";
import { startUserSignIn } from "@/lib/server/sign-in/controller/first-step";
import { deviceCookieName } from "@/lib/server/sign-in/controller/state";
import { newAccount, uniqueLabel } from "../support/fixtures";

/** What a try came to: "OK" or the AppError's code. */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

/**
 * Sends `n` tries at once and counts their outcomes, e.g. { INVALID: 5, THROTTLED: 45 }. The clock
 * (Date only: timers, I/O and argon2 run for real) stands still meanwhile, as for tries that all
 * arrive in the same instant: a wait of one second cannot run out while the burst is judged.
 */
export async function burst(n: number, attempt: (i: number) => Promise<unknown>): Promise<Record<string, number>> {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  const outcomes = await Promise.all(Array.from({ length: n }, (_, i) => outcome(attempt(i)))).finally(() => vi.useRealTimers());
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
  return counts;
}

/** A fresh address per call: no test's address counter weighs on another's. */
export function freshIp(): string {
  return `10.${randomInt(100, 250)}.${randomInt(0, 250)}.${randomInt(1, 250)}`;
}

export function journal(accountId: string, action: string) {
  return db.auditEvent.count({ where: { accountId, action } });
}

const ctx = (accountId: string) => ({ accountId, actor: "responsable", ip: "127.0.0.1" });

/** A browser: its address, and the recognised-device cookies it holds. */
export function browser(ip = freshIp()) {
  const cookies = new Map<string, string>();
  return {
    ip,
    userAgent: "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0",
    cookie: (name: string) => cookies.get(name),
    keep: (userId: string, token: string | null) => token && cookies.set(deviceCookieName(userId), token),
  };
}

export const USER_PASSWORD = "Filaire-Alain-2026";
export const USER_PIN = "7405";

/**
 * A running controller with a user who has personalized his password, chosen the PIN and
 * recognised his office browser (returned as `office`).
 */
export async function userWithPin() {
  const account = await newAccount();
  const email = `afilaire${randomInt(1e6, 1e7)}@ecole.test`;
  const { fqdn } = await associateControllerDomain({ ...ctx(account.accountId), domain: uniqueLabel() });
  await createFirstSuperadmin(ctx(account.accountId), { firstName: "P", lastName: "M", loginId: "pmartin", password: "Motdepasse2026!" });
  await setControllerStatus(ctx(account.accountId), true);
  const user = await createUser(ctx(account.accountId), { loginId: "afilaire", lastName: "Filaire", firstName: "Alain" });
  await updateUser(ctx(account.accountId), user.id, { email });
  const office = browser();
  let step = await startUserSignIn({ domain: fqdn, loginId: "afilaire", password: user.provisionalPassword }, office);
  step = await personalizePassword({ ticket: step.ticket, password: USER_PASSWORD, confirmation: USER_PASSWORD }, office);
  step = await chooseSecurityMeasure({ ticket: step.ticket, measure: "PIN", pin: USER_PIN, pinConfirmation: USER_PIN }, office);
  const device = await registerDevice({ ticket: step.ticket, remember: true, name: "Bureau" }, office);
  office.keep(device.userId, device.deviceToken);
  return { account, fqdn, user, email, office };
}

/** The hosting responsible's account with his browser's certificate installed. */
export async function certifiedAccount() {
  const account = await newAccount();
  const { token } = await installCertificate({
    hostingNumber: account.hostingNumber,
    password: account.consolePassword,
    invoiceNumber: account.invoiceNumber,
    ip: freshIp(),
    userAgent: "Mozilla/5.0 (Windows NT 10.0) Chrome/140.0",
  });
  return { ...account, certificateToken: (accountId: string) => (accountId === account.accountId ? token : undefined) };
}
