import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { codeDigest, randomDigits } from "@/lib/server/security/secrets";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { sendMail } from "@/lib/server/mail/send-mail";
import type { ConsoleActor } from "@/lib/server/actor";
import { accountFor, ownerKey } from "./accounts";

export const CODE_LIFETIME_MS = 15 * 60 * 1000;

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
