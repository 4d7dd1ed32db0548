import "server-only";
import { db } from "@/lib/db";
import { inSlices } from "@/lib/server/id-slices";
import { AppError, notFound } from "@/lib/server/errors";
import { codeDigest, digestMatches, hashSecret, randomDigits } from "@/lib/server/security/secrets";
import { takeNumberedPlace } from "@/lib/auth/throttle";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { sendMail } from "@/lib/server/mail/send-mail";
import type { ConsoleActor } from "@/lib/server/actor";

export const CODE_LIFETIME_MS = 15 * 60 * 1000;
export const MAX_CODE_FAILURES = 5;

const ownerKey = (ctx: ConsoleActor) => (ctx.userId ? `user:${ctx.userId}` : "responsable");

/** "Utiliser l'identité de l'utilisateur connecté": the signed-in person's name and address. */
export async function signedInIdentity(ctx: ConsoleActor): Promise<{ name: string; email: string }> {
  if (ctx.userId) {
    const user = await db.controllerUser.findFirst({ where: { id: ctx.userId, accountId: ctx.accountId } });
    if (!user) throw notFound();
    return { name: `${user.lastName.toUpperCase()} ${user.firstName}`, email: user.email };
  }
  const account = await db.hostingAccount.findUnique({ where: { id: ctx.accountId } });
  if (!account) throw notFound();
  return { name: account.responsibleName, email: account.responsibleEmail };
}

export async function getPersonalAccount(ctx: ConsoleActor) {
  return db.sendingAccount.findUnique({ where: { accountId_ownerKey: { accountId: ctx.accountId, ownerKey: ownerKey(ctx) } } });
}

/**
 * Étape 2 "Création du compte personnel" → a 6-digit code goes to the address. Starting again
 * (another address, a lost code) puts the account back to unverified: only a proven address sends.
 */
export async function startPersonalAccount(ctx: ConsoleActor, input: { name: string; email: string }) {
  return startAccount(ctx, "PERSONAL", ownerKey(ctx), input);
}

/**
 * An establishment's account (secrétariat, vie scolaire …): the same proof of the address and
 * secret question; the administrator then names the staff who may send with it.
 */
export async function startEstablishmentAccount(ctx: ConsoleActor, input: { name: string; email: string }) {
  return startAccount(ctx, "ESTABLISHMENT", `etab:${input.email.toLowerCase()}`, input);
}

async function startAccount(ctx: ConsoleActor, kind: "PERSONAL" | "ESTABLISHMENT", key: string, input: { name: string; email: string }) {
  const code = randomDigits(6);
  const data = {
    name: input.name,
    email: input.email,
    codeHash: codeDigest("sending-account", code),
    codeExpiresAt: new Date(Date.now() + CODE_LIFETIME_MS),
    codeFailures: 0,
    verifiedAt: null,
    secretAnswerHash: null,
    secretQuestion: "",
    readyAt: null,
  };
  await db.sendingAccount.upsert({
    where: { accountId_ownerKey: { accountId: ctx.accountId, ownerKey: key } },
    create: { accountId: ctx.accountId, kind, ownerKey: key, ...data },
    update: data,
  });
  await mailCode(input, code, "cliquez à nouveau sur « Suivant »");
  await recordAuditEvent({ ...ctx, action: "sending-account.start", detail: input.email });
  const account = await db.sendingAccount.findUniqueOrThrow({ where: { accountId_ownerKey: { accountId: ctx.accountId, ownerKey: key } } });
  return { email: input.email, sendingAccountId: account.id };
}

async function mailCode(to: { name: string; email: string }, code: string, retry: string) {
  try {
    await sendMail({
      to: to.email,
      subject: "Code de vérification de votre compte d'envoi d'e-mails",
      text: [
        "Bonjour,",
        "",
        `Pour vérifier l'adresse ${to.email} du compte « ${to.name} », saisissez ce code dans la console d'hébergement : ${code}`,
        "Ce code est valable 15 minutes. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.",
      ].join("\n"),
    });
  } catch (error) {
    console.error("sending-account code e-mail failed", error);
    throw new AppError("MAIL", `Le code n'a pas pu être envoyé à ${to.email} : vérifiez l'adresse, puis ${retry}.`, "email");
  }
}

/** "Je n'ai pas reçu le code" may be asked once a minute. */
export const RESEND_AFTER_MS = 60_000;

/**
 * Étape 3 "Je n'ai pas reçu le code": a new code for the address already typed, the former one
 * dead. One conditional write takes the minute, so fifty clicks at once send one e-mail.
 */
export async function resendSendingCode(ctx: ConsoleActor, sendingAccountId?: string) {
  const account = await accountFor(ctx, sendingAccountId);
  if (!account || account.verifiedAt || !account.codeExpiresAt) {
    throw new AppError("NO_CODE", "Aucun code n'est attendu pour ce compte : reprenez à l'étape 2.", "code");
  }
  const code = randomDigits(6);
  const now = Date.now();
  const taken = await db.sendingAccount.updateMany({
    where: { id: account.id, verifiedAt: null, codeExpiresAt: { lte: new Date(now + CODE_LIFETIME_MS - RESEND_AFTER_MS) } },
    data: { codeHash: codeDigest("sending-account", code), codeExpiresAt: new Date(now + CODE_LIFETIME_MS), codeFailures: 0 },
  });
  if (taken.count === 0)
    throw new AppError("TOO_SOON", "Un code vient d'être envoyé : attendez une minute avant d'en demander un autre.", "code");
  await mailCode(account, code, "cliquez à nouveau sur « Je n'ai pas reçu le code » dans une minute");
  await recordAuditEvent({ ...ctx, action: "sending-account.resend", detail: account.email });
  return { email: account.email };
}

/** The caller's personal account, or the establishment account named (of his hosting account only). */
async function accountFor(ctx: ConsoleActor, sendingAccountId?: string) {
  return sendingAccountId
    ? db.sendingAccount.findFirst({
        where: { id: sendingAccountId, accountId: ctx.accountId, kind: "ESTABLISHMENT" },
        omit: { codeHash: false },
      })
    : db.sendingAccount.findUnique({
        where: { accountId_ownerKey: { accountId: ctx.accountId, ownerKey: ownerKey(ctx) } },
        omit: { codeHash: false },
      });
}

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

/**
 * The account the caller's e-mails go out from: his own personal account, else an establishment
 * account an administrator lets him use (the hosting responsible may use any). Ready ones only:
 * an unverified address never sends.
 */
export async function usableSendingAccount(ctx: ConsoleActor) {
  const personal = await db.sendingAccount.findFirst({
    where: { accountId: ctx.accountId, ownerKey: ownerKey(ctx), readyAt: { not: null } },
  });
  if (personal) return personal;
  const shared = await db.sendingAccount.findMany({
    where: { accountId: ctx.accountId, kind: "ESTABLISHMENT", readyAt: { not: null } },
    orderBy: { createdAt: "asc" },
  });
  return shared.find((account) => ctx.userId === null || account.allowedUserIds.split(" ").includes(ctx.userId)) ?? null;
}

export async function listEstablishmentAccounts(accountId: string) {
  return db.sendingAccount.findMany({ where: { accountId, kind: "ESTABLISHMENT" }, orderBy: { createdAt: "asc" } });
}

/** The staff who may send with an establishment account: superadministrators of the account only. */
export async function setAllowedSenders(ctx: ConsoleActor, sendingAccountId: string, userIds: string[]) {
  const account = await accountFor(ctx, sendingAccountId);
  if (!account) throw notFound();
  const users = await inSlices([...new Set(userIds)], (ids) =>
    db.controllerUser.findMany({
      where: { accountId: ctx.accountId, id: { in: ids }, status: "SUPERADMIN" },
      select: { id: true, loginId: true },
    }),
  );
  if (users.length !== new Set(userIds).size) throw notFound();
  await db.$transaction(async (tx) => {
    await tx.sendingAccount.update({ where: { id: account.id }, data: { allowedUserIds: users.map((u) => u.id).join(" ") } });
    await recordAuditEvent(
      { ...ctx, action: "sending-account.senders", detail: `${account.email} : ${users.map((u) => u.loginId).join(", ") || "personne"}` },
      tx,
    );
  });
  return { count: users.length };
}
