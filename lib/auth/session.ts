import "server-only";
import { cache } from "react";
import { getServerSession, type Session } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { clientIp } from "@/lib/server/request-ip";
import { authOptions } from "./options";
import { isCertificateActive } from "./certificates";
import { can, PERMISSIONS, type ConsoleRole, type Permission } from "./permissions";

export type ConsoleContext = {
  accountId: string;
  role: ConsoleRole;
  /** The controller user behind a superadministrator's or base administrator's session. */
  userId: string | null;
  /** Who, in the audit log. */
  actor: string;
  certificateId: string;
  licenceAccepted: boolean;
  ip: string;
};

export type UserContext = {
  accountId: string;
  userId: string;
  loginId: string;
  displayName: string;
  status: string;
  consoleAccess: boolean;
  ip: string;
};

async function ip() {
  const h = await headers();
  return clientIp((name) => h.get(name));
}

/** The session cookie, decoded once per request however many layouts, pages and checks ask. */
const currentSession = cache(() => getServerSession(authOptions));

async function userContextOf(session: Session | null): Promise<UserContext | null> {
  if (session?.kind !== "user" || !session.userId) return null;
  const user = await db.controllerUser.findFirst({ where: { id: session.userId, accountId: session.accountId } });
  if (!user || user.disabled || user.sessionVersion !== session.sessionVersion) return null;
  return {
    accountId: user.accountId,
    userId: user.id,
    loginId: user.loginId,
    displayName: `${user.lastName} ${user.firstName}`,
    status: user.status,
    consoleAccess: user.consoleAccess,
    ip: await ip(),
  };
}

/** The signed-in controller user, checked against the database: disabled or re-passworded, he is out. */
export async function getUserContext(): Promise<UserContext | null> {
  return userContextOf(await currentSession());
}

/**
 * Who is in the console: the hosting responsible (session version and certificate checked on
 * every request, so a password reset or a revoked certificate ends it), or a superadministrator
 * or base administrator whom an administrator gave console access.
 */
export async function getConsoleContext(): Promise<ConsoleContext | null> {
  const session = await currentSession();
  if (!session?.accountId) return null;
  const account = await db.hostingAccount.findUnique({
    where: { id: session.accountId },
    select: { sessionVersion: true, licenceAcceptedAt: true },
  });
  if (!account) return null;
  const licenceAccepted = account.licenceAcceptedAt !== null;
  if (session.kind === "user") {
    const user = await userContextOf(session);
    if (!user || !user.consoleAccess || user.status === "USER") return null;
    const role: ConsoleRole = user.status === "SUPERADMIN" ? "SUPERADMIN" : "BASE_ADMIN";
    return {
      accountId: user.accountId,
      role,
      userId: user.userId,
      actor: user.loginId,
      certificateId: "",
      licenceAccepted,
      ip: user.ip,
    };
  }
  if (account.sessionVersion !== session.sessionVersion) return null;
  if (!(await isCertificateActive(session.accountId, session.certificateId))) return null;
  return {
    accountId: session.accountId,
    role: "HOSTING",
    userId: null,
    actor: "responsable",
    certificateId: session.certificateId,
    licenceAccepted,
    ip: await ip(),
  };
}

export const PANEL_PATHS: Record<Permission, string> = {
  configuration: "/configuration",
  controller: "/controleur",
  plannings: "/plannings",
  client: "/client",
  letters: "/communication",
  account: "/compte",
};

/** The panels a role sees, in the console's order. */
export function panelsFor(role: ConsoleRole): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}

/**
 * For pages of the console: to the sign-in page, or to the licence, as the guide orders; a panel
 * the role may not see sends to the first one it may.
 */
export async function requireConsolePage(permission?: Permission): Promise<ConsoleContext> {
  const context = await getConsoleContext();
  if (!context) redirect("/connexion");
  if (!context.licenceAccepted) {
    if (context.role !== "HOSTING") redirect("/espace");
    redirect("/licence");
  }
  if (permission && !can(context.role, permission)) redirect(PANEL_PATHS[panelsFor(context.role)[0]]);
  return context;
}
