// Sessions end on the server. Before: after "Déconnexion" the old cookie still opened the console,
// and /api/auth/session renewed a session past its 8 hours.
import { describe, expect, it, vi } from "vitest";
import type { JWT } from "next-auth/jwt";
import type { Session, User } from "next-auth";
import { installCertificate } from "@/lib/server/sign-in/hosting/certificates";
import { db } from "@/lib/db";
import { newAccount } from "../support/fixtures";

const current = vi.hoisted(() => ({ session: null as null | Session }));
vi.mock("next-auth", () => ({ getServerSession: async () => current.session }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
}));

const { getConsoleContext, getUserContext } = await import("@/lib/auth/session");
const { authOptions, SESSION_MAX_AGE_S } = await import("@/lib/auth/options");
const callbacks = authOptions.callbacks!;

/** What next-auth does with the cookie on every request: the JWT through `jwt`, then `session`. */
async function read(token: JWT): Promise<Session> {
  const next = (await callbacks.jwt!({ token, user: undefined as unknown as User, account: null })) as JWT;
  return callbacks.session!({
    session: { expires: "" } as Session,
    token: next,
    user: undefined as never,
    newSession: undefined,
    trigger: "update",
  }) as Promise<Session>;
}

async function signIn() {
  const account = await newAccount();
  await installCertificate({ ...account, password: account.consolePassword, ip: "10.6.0.1", userAgent: "" });
  const certificate = await db.deviceCertificate.findFirstOrThrow({ where: { accountId: account.accountId } });
  const user = {
    id: account.accountId,
    kind: "hosting",
    accountId: account.accountId,
    sessionVersion: 1,
    certificateId: certificate.id,
  } as User;
  const token = (await callbacks.jwt!({ token: {} as JWT, user, account: null })) as JWT;
  return { account, token };
}

describe("Console sessions", () => {
  it("end on the server at sign-out: the same cookie opens nothing afterwards", async () => {
    const { account, token } = await signIn();
    current.session = await read(token);
    expect(await getConsoleContext()).toMatchObject({ accountId: account.accountId, role: "HOSTING" });
    await authOptions.events!.signOut!({ token, session: current.session });
    current.session = await read(token);
    expect(await getConsoleContext()).toBeNull();
  });

  it("last 8 hours from the sign-in, however often the cookie is renewed", async () => {
    const { token } = await signIn();
    current.session = await read({ ...token, authTime: Date.now() - (SESSION_MAX_AGE_S - 60) * 1000 });
    expect(await getConsoleContext()).not.toBeNull();
    current.session = await read({ ...token, authTime: Date.now() - (SESSION_MAX_AGE_S + 1) * 1000 });
    expect(current.session.accountId).toBeUndefined();
    expect(await getConsoleContext()).toBeNull();
  });

  it("of a superadministrator end at sign-out too, in the console and in his space", async () => {
    const account = await newAccount();
    await db.hostingAccount.update({ where: { id: account.accountId }, data: { licenceAcceptedAt: new Date() } });
    const admin = await db.controllerUser.create({
      data: {
        accountId: account.accountId,
        loginId: "sa",
        loginKey: "sa",
        lastName: "A",
        firstName: "S",
        status: "SUPERADMIN",
        consoleAccess: true,
      },
    });
    const user = {
      id: admin.id,
      kind: "user",
      userId: admin.id,
      accountId: account.accountId,
      sessionVersion: 1,
      certificateId: "",
    } as User;
    const token = (await callbacks.jwt!({ token: {} as JWT, user, account: null })) as JWT;
    current.session = await read(token);
    expect(await getConsoleContext()).toMatchObject({ role: "SUPERADMIN", userId: admin.id });
    expect(await getUserContext()).toMatchObject({ userId: admin.id });
    await authOptions.events!.signOut!({ token, session: current.session });
    current.session = await read(token);
    expect(await getConsoleContext()).toBeNull();
    expect(await getUserContext()).toBeNull();
  });

  it("open nothing without a session row (a JWT made before sessions were recorded)", async () => {
    const { token } = await signIn();
    current.session = await read({ ...token, sid: undefined });
    expect(await getConsoleContext()).toBeNull();
  });
});
