import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";

/** Five mistakes are free; then every new try waits twice as long as the last, up to 15 minutes. */
export const FREE_FAILURES = 5;
export const MAX_DELAY_MS = 15 * 60 * 1000;
/** A counter left alone this long starts again from zero. */
const FORGET_AFTER_MS = 60 * 60 * 1000;

export function delayAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_FAILURES));
}

export function throttleKeys(hostingNumber: string, ip: string): string[] {
  return [`hosting:${hostingNumber}`, `ip:${ip}`];
}

export function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} seconde${seconds > 1 ? "s" : ""}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes > 1 ? "s" : ""}`;
}

/** Refuses the try, before any password is checked, while one of the keys is still waiting. */
export async function assertNotThrottled(keys: string[], now = new Date()): Promise<void> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys } } });
  const waitMs = Math.max(0, ...rows.map((r) => (r.blockedTil ? r.blockedTil.getTime() - now.getTime() : 0)));
  if (waitMs > 0) {
    throw new AppError(
      "THROTTLED",
      `Trop de tentatives de connexion. Réessayez dans ${formatWait(waitMs)}.`,
    );
  }
}

export async function recordFailure(keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    await db.$transaction(async (tx) => {
      const existing = await tx.signInThrottle.findUnique({ where: { key } });
      const stale = existing && now.getTime() - existing.updatedAt.getTime() > FORGET_AFTER_MS;
      const failures = (stale || !existing ? 0 : existing.failures) + 1;
      const delay = delayAfterFailures(failures);
      const blockedTil = delay ? new Date(now.getTime() + delay) : null;
      await tx.signInThrottle.upsert({
        where: { key },
        create: { key, failures, blockedTil },
        update: { failures, blockedTil },
      });
    });
  }
}

export async function resetThrottle(key: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key } });
}
