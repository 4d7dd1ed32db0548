import "server-only";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import { notFound } from "@/lib/server/errors";

/** A planning of the caller's account; another account's id answers "not found" (X3). */
export async function getPlanningOrThrow(accountId: string, planningId: string, tx: Tx | typeof db = db) {
  const planning = await tx.planning.findFirst({
    where: { id: planningId, accountId },
    include: { domain: true, account: { select: { product: true } } },
  });
  if (!planning) throw notFound();
  return planning;
}
