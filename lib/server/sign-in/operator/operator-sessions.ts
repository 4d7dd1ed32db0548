import "server-only";
import { db } from "@/lib/db";
import { hashToken, randomToken } from "@/lib/server/security/secrets";
import type { OperatorRole } from "@/lib/server/operator/permissions";

/**
 * An operator's session is his own: its own cookie, never next-auth's (a school's session), a
 * random token whose hash the database keeps, 8 hours at most, ended at sign-out or when his
 * password, role or second factor changes (the operator's `sessionVersion`).
 */
export const OPERATOR_COOKIE = "operateur-session";
export const OPERATOR_SESSION_S = 8 * 3600;

export async function openOperatorSession(operator: { id: string; sessionVersion: number }): Promise<string> {
  const token = randomToken();
  await db.operatorSession.create({
    data: {
      operatorId: operator.id,
      tokenHash: hashToken(token),
      version: operator.sessionVersion,
      expiresAt: new Date(Date.now() + OPERATOR_SESSION_S * 1000),
    },
  });
  await db.operator.update({ where: { id: operator.id }, data: { lastSignInAt: new Date() } });
  return token;
}

export type OperatorSession = { operatorId: string; email: string; name: string; role: OperatorRole };

/** The operator behind a session cookie, checked against the database on every request. */
export async function operatorOfSession(token: string | undefined, now = new Date()): Promise<OperatorSession | null> {
  if (!token) return null;
  const session = await db.operatorSession.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      version: true,
      expiresAt: true,
      revokedAt: true,
      operator: { select: { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true } },
    },
  });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  const { operator } = session;
  if (operator.disabled || operator.sessionVersion !== session.version) return null;
  return { operatorId: operator.id, email: operator.email, name: operator.name, role: operator.role as OperatorRole };
}

export async function closeOperatorSession(token: string | undefined): Promise<void> {
  if (!token) return;
  await db.operatorSession.updateMany({ where: { tokenHash: hashToken(token), revokedAt: null }, data: { revokedAt: new Date() } });
}
