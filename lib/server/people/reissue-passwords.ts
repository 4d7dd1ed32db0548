import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import type { Population } from "@/lib/letters/original-models";
import { AppError } from "@/lib/server/errors";
import { slices } from "@/lib/server/id-slices";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { encryptProvisional, newProvisionalPassword } from "@/lib/server/security/provisional";
import { chooseRecipients, parseRecipientKey, type RecipientSelection } from "@/lib/server/letters/choose-recipients";
import type { Actor } from "@/lib/server/actor";

/**
 * F16: a personalized password is never printed; the sender may give the chosen recipients a new
 * provisional password instead, for the next letter. Their personal password, open sessions and
 * letters' QR codes end; only personalized recipients of the account and the population are touched.
 */
export async function reissueProvisionalPasswords(ctx: Actor, population: Population, selection: RecipientSelection) {
  const chosen = (await chooseRecipients(ctx.accountId, population, selection)).filter((r) => r.personalized);
  const keys = chosen.map((r) => parseRecipientKey(r.key)!);
  const userIds = keys.filter((k) => k.kind === "user").map((k) => k.id);
  const personIds = keys.filter((k) => k.kind === "person").map((k) => k.id);
  if (keys.length === 0)
    throw new AppError("NO_RECIPIENT", "Aucun des destinataires choisis n'a de mot de passe personnalisé.", "selection");
  const now = clock.now();
  await db.$transaction(
    async (tx) => {
      // Each its own password: one statement each, in one transaction (5,000 in about a second).
      for (const id of userIds) {
        await tx.controllerUser.update({
          where: { id },
          data: {
            passwordHash: null,
            provisionalPasswordEnc: encryptProvisional(newProvisionalPassword()),
            sessionVersion: { increment: 1 },
            letterTokenFailures: 0,
          },
        });
      }
      for (const id of personIds) {
        await tx.espacePerson.update({
          where: { id },
          data: { passwordHash: null, provisionalPasswordEnc: encryptProvisional(newProvisionalPassword()), letterTokenFailures: 0 },
        });
      }
      for (const [column, ids] of [
        ["userId", userIds],
        ["personId", personIds],
      ] as const) {
        for (const slice of slices(ids)) {
          await tx.letterToken.updateMany({
            where: { accountId: ctx.accountId, usedAt: null, revokedAt: null, [column]: { in: slice } },
            data: { revokedAt: now },
          });
        }
      }
      await recordAuditEvent(
        { ...ctx, action: "letters.new-provisional", detail: `${keys.length} nouveau(x) mot(s) de passe provisoire(s)` },
        tx,
      );
    },
    { timeout: 120_000 },
  );
  return { count: keys.length };
}
