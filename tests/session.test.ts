import { describe, expect, it, vi } from "vitest";
import { installCertificate, revokeCertificate } from "@/lib/auth/certificates";
import { resetConsolePassword } from "@/lib/server/hosting-account/reset-console-password";
import { db } from "@/lib/db";
import { newAccount } from "./support/fixtures";

const jwt = vi.hoisted(() => ({ current: null as null | Record<string, unknown> }));
vi.mock("next-auth", () => ({ getServerSession: async () => jwt.current }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/navigation", () => ({ redirect: (to: string) => { throw new Error(`redirect:${to}`); } }));

const { getConsoleContext, requireConsolePage } = await import("@/lib/auth/session");

async function signedIn() {
  const account = await newAccount();
  const { token } = await installCertificate({ ...account, password: account.consolePassword, ip: "10.6.0.1", userAgent: "" });
  const certificate = await db.deviceCertificate.findFirstOrThrow({ where: { accountId: account.accountId } });
  jwt.current = { kind: "hosting", accountId: account.accountId, sessionVersion: 1, certificateId: certificate.id };
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
