import "server-only";
import { db } from "@/lib/db";
import { hashToken, randomToken } from "@/lib/server/security/secrets";

/** A session lasts 8 hours from its sign-in, however often its cookie is renewed. */
export const SESSION_MAX_AGE_S = 8 * 3600;

/**
 * A new session's id: random, carried inside the (encrypted) JWT; the database keeps its hash, the
 * session's end and whether it was signed out. Every request checks the row (lib/auth/session.ts reads it).
 */
export async function openConsoleSession(owner: { accountId: string; userId?: string | null }): Promise<string> {
  const sid = randomToken();
  await db.consoleSession.create({
    data: {
      id: hashToken(sid),
      accountId: owner.accountId,
      userId: owner.userId ?? null,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_S * 1000),
    },
  });
  return sid;
}

/** What a session exposes of its id: the hash the database keeps (the id itself stays in the JWT). */
export const sessionRef = (sid: string) => hashToken(sid);

/** "Déconnexion": the session ends on the server, so a copy of its cookie opens nothing. */
export async function revokeConsoleSession(sid: string): Promise<void> {
  await db.consoleSession.updateMany({ where: { id: hashToken(sid), revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Whether a session (by its ref) is open for the account: not signed out, not past its end. */
export async function consoleSessionActive(ref: string, accountId: string, now = new Date()): Promise<boolean> {
  if (!ref) return false;
  const row = await db.consoleSession.findUnique({ where: { id: ref }, select: { accountId: true, revokedAt: true, expiresAt: true } });
  return row !== null && row.accountId === accountId && row.revokedAt === null && row.expiresAt > now;
}
