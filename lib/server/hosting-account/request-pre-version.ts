import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { preVersionNotYet, preVersionWindow } from "@/lib/product-version";
import { AppError } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Actor } from "@/lib/server/actor";

/** F11 "Changement de version": the pre-version may be asked for from 1 July; the request is recorded once. */
export async function requestPreVersion(ctx: Actor, now: Date = clock.now()) {
  const window = preVersionWindow(now);
  if (!window.open) {
    throw new AppError("PRE_VERSION_CLOSED", preVersionNotYet(window));
  }
  return db.$transaction(async (tx) => {
    const claimed = await tx.hostingAccount.updateMany({
      where: { id: ctx.accountId, OR: [{ preVersion: null }, { preVersion: { not: String(window.version) } }] },
      data: { preVersion: String(window.version), preVersionRequestedAt: now },
    });
    if (claimed.count === 1) {
      await recordAuditEvent({ ...ctx, action: "account.pre-version", detail: `Préversion ${window.version}` }, tx);
    }
    return { version: String(window.version) };
  });
}
