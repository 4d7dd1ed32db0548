import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import type { Population } from "@/lib/letters/original-models";
import { AppError } from "@/lib/server/errors";
import { inSlices, slices } from "@/lib/server/id-slices";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { encryptProvisional, newProvisionalPassword } from "@/lib/server/security/provisional";
import { chooseRecipients, parseRecipientKey, type RecipientSelection } from "@/lib/server/letters/choose-recipients";
import { enabledEnt, entOnly } from "@/lib/server/planning/ent-settings";
import type { Actor } from "@/lib/server/actor";

/**
 * Seed 002's other case: a person of an ENT-integrated Espace switched back to a direct sign-in —
 * a new provisional password, for a letter that prints it (and its QR code); his ENT identity is
 * forgotten. Only the chosen people of the account and population whose only way in was the ENT.
 */
export async function switchToDirectSignIn(ctx: Actor, population: Population, selection: RecipientSelection) {
  const ids = (await chooseRecipients(ctx.accountId, population, selection))
    .map((r) => parseRecipientKey(r.key)!)
    .filter((k) => k.kind === "person")
    .map((k) => k.id);
  const people = await inSlices(ids, (slice) =>
    db.espacePerson.findMany({
      where: { accountId: ctx.accountId, population, id: { in: slice } },
      select: { id: true, population: true, directSignIn: true, casId: true, planning: { select: { entSettings: true } } },
    }),
  );
  const switched = people.filter((p) => entOnly(enabledEnt(p.planning?.entSettings ?? ""), p)).map((p) => p.id);
  if (switched.length === 0) {
    throw new AppError("NO_RECIPIENT", "Aucun des destinataires choisis ne se connecte par l'ENT.", "selection");
  }
  const now = clock.now();
  await db.$transaction(
    async (tx) => {
      // Each its own password: one statement each, in one transaction.
      for (const id of switched) {
        await tx.espacePerson.update({
          where: { id },
          data: {
            directSignIn: true,
            casId: "",
            passwordHash: null,
            provisionalPasswordEnc: encryptProvisional(newProvisionalPassword()),
            letterTokenFailures: 0,
          },
        });
      }
      for (const slice of slices(switched)) {
        await tx.letterToken.updateMany({
          where: { accountId: ctx.accountId, usedAt: null, revokedAt: null, personId: { in: slice } },
          data: { revokedAt: now },
        });
      }
      await recordAuditEvent(
        { ...ctx, action: "people.direct-sign-in", detail: `${switched.length} personne(s) en connexion directe` },
        tx,
      );
    },
    { timeout: 120_000 },
  );
  return { count: switched.length };
}
