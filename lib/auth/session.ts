import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { clientIp } from "@/lib/server/request-ip";
import { authOptions } from "./options";
import { isCertificateActive } from "./certificates";
import type { ConsoleRole } from "./permissions";

export type ConsoleContext = {
  accountId: string;
  role: ConsoleRole;
  /** Who, in the audit log. */
  actor: string;
  certificateId: string;
  licenceAccepted: boolean;
  ip: string;
};

/**
 * The signed-in hosting responsible, checked against the database on every request: a session
 * dies when the operator resets the password or when its certificate is revoked.
 */
export async function getConsoleContext(): Promise<ConsoleContext | null> {
  const session = await getServerSession(authOptions);
  if (!session?.accountId) return null;
  const account = await db.hostingAccount.findUnique({
    where: { id: session.accountId },
    select: { sessionVersion: true, licenceAcceptedAt: true },
  });
  if (!account || account.sessionVersion !== session.sessionVersion) return null;
  if (!(await isCertificateActive(session.accountId, session.certificateId))) return null;
  const h = await headers();
  return {
    accountId: session.accountId,
    role: "HOSTING",
    actor: "responsable",
    certificateId: session.certificateId,
    licenceAccepted: account.licenceAcceptedAt !== null,
    ip: clientIp((name) => h.get(name)),
  };
}

/** For pages of the console: to the sign-in page, or to the licence, as the guide orders. */
export async function requireConsolePage(): Promise<ConsoleContext> {
  const context = await getConsoleContext();
  if (!context) redirect("/connexion");
  if (!context.licenceAccepted) redirect("/licence");
  return context;
}
