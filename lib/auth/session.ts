import "server-only";
import { cache } from "react";
import { getServerSession, type Session } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { clientIp } from "@/lib/server/request-ip";
import { authOptions } from "./options";
import { consoleSessionActive } from "@/lib/server/sign-in/console-sessions";
import type { Actor, ConsoleActor } from "@/lib/server/actor";
import { can, PERMISSIONS, type ConsoleRole, type Permission } from "@/lib/server/permissions";

/** The action client's actor (lib/server/actor.ts), with what it checks before any handler runs. */
export type ConsoleContext = ConsoleActor & {
  certificateId: string;
  licenceAccepted: boolean;
};

/** A signed-in controller user on his own account ("Mes préférences"): the actor is his login. */
export type UserContext = Actor & {
  userId: string;
  loginId: string;
  displayName: string;
  status: string;
  consoleAccess: boolean;
};

async function ip() {
  const h = await headers();
  return clientIp((name) => h.get(name));
}

/** The session cookie, decoded once per request however many layouts, pages and checks ask. */
const currentSession = cache(() => getServerSession(authOptions));

/** `sessionChecked`: the caller already read the session's row (getConsoleContext's one statement). */
async function userContextOf(session: Session | null, sessionChecked = false): Promise<UserContext | null> {
  if (session?.kind !== "user" || !session.userId) return null;
  const user = await db.controllerUser.findFirst({ where: { id: session.userId, accountId: session.accountId } });
  if (!user || user.disabled || user.sessionVersion !== session.sessionVersion) return null;
  if (!sessionChecked && !(await consoleSessionActive(session.sessionRef, user.accountId))) return null;
  return {
    accountId: user.accountId,
    actor: user.loginId,
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
 * What a console request checks of its account, in one statement: every console page asks it, and
 * Prisma compiles each query it runs (about 1 ms of CPU), where a raw statement costs a fifth of that.
 */
async function accountSessionState(accountId: string, certificateId: string, sessionRef: string) {
  const rows = await db.$queryRaw<
    { sessionVersion: number; licenceAccepted: number | bigint; certificateActive: number | bigint; sessionOpen: number | bigint }[]
  >`
    SELECT a."sessionVersion" AS "sessionVersion",
      CASE WHEN a."licenceAcceptedAt" IS NULL THEN 0 ELSE 1 END AS "licenceAccepted",
      CASE WHEN EXISTS (
        SELECT 1 FROM "DeviceCertificate" c WHERE c.id = ${certificateId} AND c."accountId" = a.id AND c."revokedAt" IS NULL
      ) THEN 1 ELSE 0 END AS "certificateActive",
      CASE WHEN EXISTS (
        SELECT 1 FROM "ConsoleSession" s WHERE s.id = ${sessionRef} AND s."accountId" = a.id AND s."revokedAt" IS NULL
      ) THEN 1 ELSE 0 END AS "sessionOpen"
    FROM "HostingAccount" a
    WHERE a.id = ${accountId}`;
  const row = rows[0];
  if (!row) return null;
  return {
    sessionVersion: Number(row.sessionVersion),
    licenceAccepted: Number(row.licenceAccepted) === 1,
    certificateActive: Number(row.certificateActive) === 1,
    // Its end is the JWT's (authTime, checked when the cookie is read); here, whether it was signed out.
    sessionOpen: Number(row.sessionOpen) === 1,
  };
}

/**
 * Who is in the console: the hosting responsible (session version and certificate checked on
 * every request, so a password reset or a revoked certificate ends it), or a superadministrator
 * or base administrator whom an administrator gave console access. Asked once per request however
 * many layouts and pages need it.
 */
export const getConsoleContext = cache(async (): Promise<ConsoleContext | null> => {
  const session = await currentSession();
  if (!session?.accountId) return null;
  const account = await accountSessionState(
    session.accountId,
    session.kind === "user" ? "" : session.certificateId,
    session.sessionRef ?? "",
  );
  if (!account) return null;
  const { licenceAccepted } = account;
  if (session.kind === "user") {
    if (!account.sessionOpen) return null;
    const user = await userContextOf(session, true);
    if (!user?.consoleAccess || user.status === "USER") return null;
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
  if (account.sessionVersion !== session.sessionVersion || !account.certificateActive || !account.sessionOpen) return null;
  return {
    accountId: session.accountId,
    role: "HOSTING",
    userId: null,
    actor: "responsable",
    certificateId: session.certificateId,
    licenceAccepted,
    ip: await ip(),
  };
});

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
