import { describe, expect, it, vi } from "vitest";
import { installCertificate, revokeCertificate } from "@/lib/server/sign-in/hosting/certificates";
import { resetConsolePassword } from "@/lib/server/hosting-account/reset-console-password";
import { db } from "@/lib/db";
import { openConsoleSession, sessionRef } from "@/lib/server/sign-in/console-sessions";
import { newAccount } from "./support/fixtures";

const jwt = vi.hoisted(() => ({ current: null as null | Record<string, unknown> }));
vi.mock("next-auth", () => ({ getServerSession: async () => jwt.current }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
}));

const { getConsoleContext, getUserContext, requireConsolePage } = await import("@/lib/auth/session");

async function signedIn() {
  const account = await newAccount();
  const { token } = await installCertificate({ ...account, password: account.consolePassword, ip: "10.6.0.1", userAgent: "" });
  const certificate = await db.deviceCertificate.findFirstOrThrow({ where: { accountId: account.accountId } });
  const sid = await openConsoleSession({ accountId: account.accountId });
  jwt.current = {
    kind: "hosting",
    accountId: account.accountId,
    sessionVersion: 1,
    certificateId: certificate.id,
    sessionRef: sessionRef(sid),
  };
  return { account, token, certificate };
}

describe("Sessions of the hosting responsible", () => {
  it("holds while nothing changes, and sends to the licence first", async () => {
    const { account } = await signedIn();
    expect(await getConsoleContext()).toMatchObject({ accountId: account.accountId, licenceAccepted: false });
    await expect(requireConsolePage()).rejects.toThrow("redirect:/licence");
  });

  it("dies when the operator resets the console password", async () => {
    const { account } = await signedIn();
    await resetConsolePassword(account.hostingNumber);
    expect(await getConsoleContext()).toBeNull();
    await expect(requireConsolePage()).rejects.toThrow("redirect:/connexion");
  });

  it("dies when its certificate is revoked", async () => {
    const { account, certificate } = await signedIn();
    await revokeCertificate({ accountId: account.accountId, certificateId: certificate.id, ip: "10.6.0.1" });
    expect(await getConsoleContext()).toBeNull();
  });

  it("is nothing without a session", async () => {
    jwt.current = null;
    expect(await getConsoleContext()).toBeNull();
  });
});

describe("Sessions of controller users", () => {
  async function userWith(status: "SUPERADMIN" | "BASE_ADMIN" | "USER", consoleAccess: boolean) {
    const account = await newAccount();
    await db.hostingAccount.update({ where: { id: account.accountId }, data: { licenceAcceptedAt: new Date() } });
    const user = await db.controllerUser.create({
      data: {
        accountId: account.accountId,
        loginId: "u",
        loginKey: "u",
        lastName: "U",
        firstName: "U",
        status,
        consoleAccess,
        email: "u@ecole.test",
      },
    });
    const sid = await openConsoleSession({ accountId: account.accountId, userId: user.id });
    jwt.current = {
      kind: "user",
      userId: user.id,
      accountId: account.accountId,
      sessionVersion: 1,
      certificateId: "",
      sessionRef: sessionRef(sid),
    };
    return user;
  }

  it("lets a superadministrator with console access into the Contrôleur panel, not Configuration", async () => {
    const user = await userWith("SUPERADMIN", true);
    expect(await getConsoleContext()).toMatchObject({ role: "SUPERADMIN", actor: "u", userId: user.id });
    await expect(requireConsolePage("configuration")).rejects.toThrow("redirect:/controleur");
    await expect(requireConsolePage("plannings")).resolves.toMatchObject({ role: "SUPERADMIN" });
  });

  it("lets a base administrator with console access into Mes plannings and Télécharger le client only", async () => {
    await userWith("BASE_ADMIN", true);
    expect(await getConsoleContext()).toMatchObject({ role: "BASE_ADMIN" });
    await expect(requireConsolePage("controller")).rejects.toThrow("redirect:/plannings");
    await expect(requireConsolePage("account")).rejects.toThrow("redirect:/plannings");
    await expect(requireConsolePage("client")).resolves.toMatchObject({ role: "BASE_ADMIN" });
  });

  it("keeps users without console access in their space", async () => {
    await userWith("SUPERADMIN", false);
    expect(await getConsoleContext()).toBeNull();
    expect(await getUserContext()).toMatchObject({ loginId: "u" });
    await userWith("BASE_ADMIN", false);
    expect(await getConsoleContext()).toBeNull();
  });

  it("ends at once for a disabled user or a changed password", async () => {
    const user = await userWith("USER", false);
    expect(await getUserContext()).not.toBeNull();
    await db.controllerUser.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await getUserContext()).toBeNull();
    jwt.current = { ...jwt.current, sessionVersion: 2 };
    expect(await getUserContext()).not.toBeNull();
    await db.controllerUser.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await getUserContext()).toBeNull();
  });
});
