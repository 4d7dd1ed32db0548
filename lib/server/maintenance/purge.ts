import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { purgeOldArchives } from "@/lib/server/school-year/archive-retention";

/** A letter token is kept a day past its end (expiry, use, supersession), for the journal's sake. */
const TOKEN_GRACE_MS = 24 * 3600_000;
/** The sign-in throttle forgets a counter left alone for an hour (README, Production). */
const THROTTLE_MS = 3600_000;
/** A finished batch keeps its deliveries (who, failures) this long; its counters stay for good. */
export const BATCH_DELIVERIES_KEPT_DAYS = 90;

/**
 * The "maintenance.purge" job (hourly): rows that no longer serve anyone. Each delete is one
 * statement on an indexed column, whatever the number of rows. Letter codes and archives live on
 * the school's calendar (lib/clock.ts); throttles, sessions and proofs on the real clock.
 */
export async function purgeExpired(now: Date = new Date(), calendarNow: Date = clock.now()) {
  const tokenLimit = new Date(now.getTime() - TOKEN_GRACE_MS);
  const codeLimit = new Date(calendarNow.getTime() - TOKEN_GRACE_MS);
  const [tokens, throttles, sessions, proofs, requests] = await Promise.all([
    db.letterToken.deleteMany({
      where: { OR: [{ expiresAt: { lt: codeLimit } }, { revokedAt: { lt: codeLimit } }, { usedAt: { lt: codeLimit } }] },
    }),
    db.signInThrottle.deleteMany({
      where: { updatedAt: { lt: new Date(now.getTime() - THROTTLE_MS) }, OR: [{ blockedTil: null }, { blockedTil: { lt: now } }] },
    }),
    // Sessions past their end open nothing any more (a day's grace for Licences' counts).
    db.consoleSession.deleteMany({ where: { expiresAt: { lt: tokenLimit } } }),
    // CAS tickets and SAML assertions seen, past the time they could be valid anyway; SAML requests unanswered.
    db.usedDirectoryProof.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.samlRequest.deleteMany({ where: { expiresAt: { lt: now } } }),
  ]);
  const old = new Date(now.getTime() - BATCH_DELIVERIES_KEPT_DAYS * 24 * 3600_000);
  const finished = await db.letterBatch.findMany({
    where: { status: "DONE", finishedAt: { lt: old }, purgedAt: null },
    select: { id: true },
    take: 100,
  });
  let deliveries = 0;
  for (const batch of finished) {
    deliveries += (await db.letterDelivery.deleteMany({ where: { batchId: batch.id } })).count;
    await db.letterBatch.update({ where: { id: batch.id }, data: { purgedAt: now } });
  }
  const archives = await purgeOldArchives(calendarNow);
  return {
    archives,
    tokens: tokens.count,
    throttles: throttles.count,
    sessions: sessions.count,
    proofs: proofs.count,
    samlRequests: requests.count,
    deliveries,
  };
}
