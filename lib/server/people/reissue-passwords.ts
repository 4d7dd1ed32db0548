import "server-only";
import { db } from "@/lib/db";
import type { Population } from "@/lib/letters/original-models";
import { AppError } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { encryptProvisional, newProvisionalPassword } from "@/lib/server/security/provisional";
import { parseRecipientKey } from "@/lib/server/letters/recipients";

type Ctx = { accountId: string; actor: string; ip: string };

/**
 * F16: a personalized password is never printed; the sender may give the chosen recipients a new
 * provisional password instead, for the next letter. Their personal password, open sessions and
 * letters' QR codes end; only recipients of the account and the population are touched.
 */
export async function reissueProvisionalPasswords(ctx: Ctx, population: Population, keys: string[]) {
  const parsed = keys.map(parseRecipientKey).filter((k) => k !== null);
  const userIds = population === "PERSONNELS" ? parsed.filter((k) => k.kind === "user").map((k) => k.id) : [];
  const personIds = parsed.filter((k) => k.kind === "person").map((k) => k.id);
  const now = new Date();
  const count = await db.$transaction(async (tx) => {
    const [users, people] = await Promise.all([
      tx.controllerUser.findMany({ where: { accountId: ctx.accountId, id: { in: userIds } }, select: { id: true } }),
      tx.espacePerson.findMany({ where: { accountId: ctx.accountId, population, id: { in: personIds } }, select: { id: true } }),
    ]);
    for (const user of users) {
      await tx.controllerUser.update({
        where: { id: user.id },
        data: { passwordHash: null, provisionalPasswordEnc: encryptProvisional(newProvisionalPassword()), sessionVersion: { increment: 1 }, letterTokenFailures: 0 },
      });
    }
    for (const person of people) {
      await tx.espacePerson.update({
        where: { id: person.id },
        data: { passwordHash: null, provisionalPasswordEnc: encryptProvisional(newProvisionalPassword()), letterTokenFailures: 0 },
      });
    }
    await tx.letterToken.updateMany({
      where: { accountId: ctx.accountId, usedAt: null, revokedAt: null, OR: [{ userId: { in: users.map((u) => u.id) } }, { personId: { in: people.map((p) => p.id) } }] },
      data: { revokedAt: now },
    });
    const total = users.length + people.length;
    if (total > 0) {
      await recordAuditEvent({ ...ctx, action: "letters.new-provisional", detail: `${total} nouveau(x) mot(s) de passe provisoire(s)` }, tx);
    }
    return total;
  });
  if (count === 0) throw new AppError("NO_RECIPIENT", "Sélectionnez au moins un destinataire.", "recipients");
  return { count };
}
