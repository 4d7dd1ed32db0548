import "server-only";
import { db, type Tx } from "@/lib/db";
import type { AuditAction } from "./actions";

export type AuditInput = {
  accountId: string | null;
  actor: string;
  action: AuditAction;
  detail?: string;
  ip?: string;
};

/** X2: who did what, when, from where. Never called with a secret in `detail`. */
export async function recordAuditEvent(input: AuditInput, tx: Tx | typeof db = db) {
  await tx.auditEvent.create({
    data: {
      accountId: input.accountId,
      actor: input.actor,
      action: input.action,
      detail: input.detail ?? "",
      ip: input.ip ?? "",
    },
  });
}
