import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { codeDigest, digestMatches, hashSecret } from "@/lib/server/security/secrets";
import { takeNumberedPlace } from "@/lib/server/sign-in/throttle";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { ConsoleActor } from "@/lib/server/actor";
import { accountFor } from "./accounts";

export const MAX_CODE_FAILURES = 5;

/** Étape 3 "Vérification du code": five tries, fifteen minutes. */
export async function verifySendingCode(ctx: ConsoleActor, code: string, sendingAccountId?: string) {
  const account = await accountFor(ctx, sendingAccountId);
  if (!account?.codeHash || !account.codeExpiresAt) {
    throw new AppError("NO_CODE", "Aucun code en attente : revenez à l'étape précédente pour en recevoir un.");
  }
  const expired = () =>
    new AppError("CODE_EXPIRED", "Ce code n'est plus valable : revenez à l'étape précédente pour en recevoir un nouveau.", "code");
  if (account.codeExpiresAt <= new Date()) throw expired();
  // The try takes its place (one of five) before the code is compared: a burst is judged as a row.
  const codeHash = account.codeHash;
  const place = await takeNumberedPlace(
    MAX_CODE_FAILURES,
    async () => {
      const row = await db.sendingAccount.findUnique({ where: { id: account.id }, select: { codeFailures: true, codeHash: true } });
      return row?.codeHash === codeHash ? row.codeFailures : null;
    },
    async (from) =>
      (await db.sendingAccount.updateMany({ where: { id: account.id, codeHash, codeFailures: from }, data: { codeFailures: from + 1 } }))
        .count,
  );
  if (place === null) throw expired();
  if (!digestMatches(codeHash, codeDigest("sending-account", code))) {
    const left = MAX_CODE_FAILURES - place;
    throw new AppError(
      "CODE",
      left > 0
        ? `Code incorrect. Il vous reste ${left} essai${left > 1 ? "s" : ""}.`
        : "Code incorrect. Ce code n'est plus valable : revenez à l'étape précédente pour en recevoir un nouveau.",
      "code",
    );
  }
  await db.$transaction(async (tx) => {
    await tx.sendingAccount.update({ where: { id: account.id }, data: { verifiedAt: new Date(), codeHash: null, codeExpiresAt: null } });
    await recordAuditEvent({ ...ctx, action: "sending-account.verify", detail: account.email }, tx);
  });
  return { email: account.email };
}

/** Étape 4 "Sécurisation du compte": a secret question and its answer (stored as argon2id). */
export async function secureSendingAccount(ctx: ConsoleActor, input: { question: string; answer: string }, sendingAccountId?: string) {
  const account = await accountFor(ctx, sendingAccountId);
  if (!account?.verifiedAt) throw new AppError("NOT_VERIFIED", "Vérifiez d'abord l'adresse e-mail avec le code reçu.");
  const secretAnswerHash = await hashSecret(input.answer.trim().toLocaleLowerCase("fr"));
  await db.$transaction(async (tx) => {
    await tx.sendingAccount.update({
      where: { id: account.id },
      data: { secretQuestion: input.question, secretAnswerHash, readyAt: new Date() },
    });
    await recordAuditEvent({ ...ctx, action: "sending-account.ready", detail: account.email }, tx);
  });
  return { name: account.name, email: account.email };
}
