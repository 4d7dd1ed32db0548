import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import type { AuditAction } from "./actions";

/** The actor as he is (an operator's line has no account, a background line no address), and what he did. */
export type AuditInput = Omit<Actor, "accountId" | "ip"> & {
  accountId: Actor["accountId"] | null;
  ip?: Actor["ip"];
  action: AuditAction;
  detail?: string;
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
