import "server-only";
import { db } from "@/lib/db";
import { mergeModel, type MergedLine } from "@/lib/letters/model-tags";
import { issueLetterTokens, letterTokenExpiry } from "./letter-tokens";
import { qrSegments } from "./qr-payload";
import type { Letter, LetterHead } from "./letters-pdf";
import type { LetterRecipient } from "./letter-recipients";
import { dateFr } from "@/lib/letters/dates";

/** A personalized password is never printed (F16): the letter says so and what to do. */
export const PERSONALIZED_PASSWORD =
  "déjà personnalisé, il n'est pas imprimé (si vous l'avez oublié, demandez un nouveau mot de passe provisoire à l'établissement)";

export type ComposedLetter = { recipient: LetterRecipient; letter: Letter; lines: MergedLine[] };

/**
 * The letters of a run of recipients, merged from the model. A recipient gets a QR code when the
 * letter asks for one, his Espace is in the mobile app and his password is still provisional: a
 * fresh token and security code each, issued for the whole run in one transaction.
 */
type Input = { modelText: string; withQr: boolean; establishment: string };

/** The head of a posted letter: the establishment, the date, the recipient's name (and class). */
function letterHead(establishment: string, r: LetterRecipient, today: string): LetterHead {
  const name = [r.civility, r.lastName.toLocaleUpperCase("fr"), r.firstName].filter(Boolean).join(" ");
  return { sender: [establishment], date: `Le ${today}`, recipient: [name, ...(r.group ? [`Classe : ${r.group}`] : [])] };
}

/** Whether the letter of `r` carries a QR code: asked for, an Espace of the mobile app, a provisional password. */
const wantsQr = (input: Input, r: LetterRecipient) => input.withQr && r.mobileEspace !== null && r.provisionalPassword !== null;

/** One letter's text, merged from the model: what the PDF prints and the Aperçu shows are this. */
function mergeLetter(
  input: Input,
  recipient: LetterRecipient,
  token: { securityCode: string; expiresAt: Date } | undefined,
  today: string,
) {
  return mergeModel(
    input.modelText,
    {
      lastName: recipient.lastName,
      firstName: recipient.firstName,
      civility: recipient.civility,
      loginId: recipient.loginId,
      password: recipient.provisionalPassword ?? PERSONALIZED_PASSWORD,
      securityCode: token?.securityCode ?? "",
      qrExpiry: token ? dateFr(token.expiresAt) : "",
      espaceAddress: recipient.espaceAddress,
      espaceName: recipient.espaceName,
      establishment: input.establishment,
      today,
    },
    { qr: token !== undefined, personalized: recipient.provisionalPassword === null },
  );
}

/**
 * The Aperçu of the sending window: the letter of `recipient` as it would be printed now, by the
 * same merge, its secrets masked and no token issued (a preview must not revoke a letter already
 * given out).
 */
export function previewLetter(input: Input, recipient: LetterRecipient, now: Date = new Date()) {
  const token = wantsQr(input, recipient) ? { securityCode: "••••", expiresAt: letterTokenExpiry(now) } : undefined;
  const masked = { ...recipient, provisionalPassword: recipient.provisionalPassword === null ? null : "••••••••••" };
  return mergeLetter(input, masked, token, dateFr(now));
}

export async function composeLetters(input: Input, recipients: LetterRecipient[], now: Date = new Date()): Promise<ComposedLetter[]> {
  const holders = recipients.filter((r) => wantsQr(input, r)).map((r) => r.holder);
  const issued = holders.length > 0 ? await db.$transaction((tx) => issueLetterTokens(tx, holders, now)) : [];
  const tokens = new Map(holders.map((holder, i) => [`${holder.kind}:${holder.id}`, issued[i]]));
  const today = dateFr(now);
  return recipients.map((recipient) => {
    const token = tokens.get(recipient.key);
    const { lines, withQr } = mergeLetter(input, recipient, token, today);
    const qr =
      withQr && token && recipient.mobileEspace
        ? qrSegments({
            loginId: recipient.loginId,
            token: token.token,
            securityCode: token.securityCode,
            espacesAddress: recipient.espaceAddress,
            espace: recipient.mobileEspace,
          })
        : null;
    return { recipient, letter: { lines, qr, head: letterHead(input.establishment, recipient, today) }, lines };
  });
}
