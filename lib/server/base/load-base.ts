import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { accountVersion } from "@/lib/product-version";
import { AppError } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getAdministeredPlanning, requireStopped } from "@/lib/server/planning/administered-planning";
import { decodeBaseFile } from "./base-file";
import type { ConsoleActor } from "@/lib/server/actor";
import { replaceBase } from "./base-row";

/**
 * "Charger une base": a file from "Transférer la base" replaces the base of a stopped planning.
 * The file is checked whole before anything is written; a refused file leaves the base untouched.
 */
export async function loadBase(ctx: ConsoleActor, planningId: string, bytes: Buffer, now: Date = clock.now()) {
  const planning = await getAdministeredPlanning(ctx, planningId);
  requireStopped(planning, "charger une base");
  const content = await decodeOrRecordRefusal(ctx, planning.name, () =>
    decodeBaseFile(bytes, { product: planning.account.product, version: accountVersion(planning.account, now) }),
  );
  return db.$transaction(async (tx) => {
    const current = await getAdministeredPlanning(ctx, planningId, tx);
    requireStopped(current, "charger une base");
    await replaceBase(tx, { accountId: ctx.accountId, planningId: current.id }, content);
    await recordAuditEvent({ ...ctx, action: "base.load", detail: `${current.name} : ${content.name}` }, tx);
    return { name: content.name };
  });
}

/** A refused file is worth a line in the journal: the reason, never the file. */
async function decodeOrRecordRefusal<T>(ctx: ConsoleActor, planningName: string, decode: () => T): Promise<T> {
  try {
    return decode();
  } catch (error) {
    if (error instanceof AppError) {
      await recordAuditEvent({ ...ctx, action: "base.load.refused", detail: `${planningName} : ${error.message}` });
    }
    throw error;
  }
}
