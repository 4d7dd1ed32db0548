import "server-only";
import { db } from "@/lib/db";
import { mergeModel, type MergedLine } from "@/lib/letters/model-tags";
import { issueLetterTokens } from "./letter-tokens";
import { qrSegments } from "./qr-payload";
import type { Letter } from "./letters-pdf";
import type { LetterRecipient } from "./recipients";
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
export async function composeLetters(
  input: { modelText: string; withQr: boolean; establishment: string },
  recipients: LetterRecipient[],
  now: Date = new Date(),
): Promise<ComposedLetter[]> {
  const wantsQr = (r: LetterRecipient) => input.withQr && r.mobileEspace !== null && r.provisionalPassword !== null;
  const holders = recipients.filter(wantsQr).map((r) => r.holder);
  const issued = holders.length > 0 ? await db.$transaction((tx) => issueLetterTokens(tx, holders, now)) : [];
  const tokens = new Map(holders.map((holder, i) => [`${holder.kind}:${holder.id}`, issued[i]]));
  const today = dateFr(now);
  return recipients.map((recipient) => {
    const token = tokens.get(recipient.key);
    const { lines, withQr } = mergeModel(
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
      { qr: token !== undefined },
    );
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
    return { recipient, letter: { lines, qr }, lines };
  });
}
