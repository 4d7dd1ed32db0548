import "server-only";
import { clock } from "@/lib/clock";
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

/** What stands for the password of a person who signs in through the ENT (a model's own [Mot de passe]). */
export const ENT_PASSWORD = "celui de l'ENT (connectez-vous par l'ENT de l'établissement)";

/** The same on a label, where there is no room for more. */
export const PERSONALIZED_PASSWORD_LABEL = "Mot de passe : personnalisé (non imprimé)";

export type ComposedLetter = { recipient: LetterRecipient; letter: Letter; lines: MergedLine[] };

/**
 * The letters of a run of recipients, merged from the model. A recipient gets a QR code when the
 * letter asks for one, his Espace is in the mobile app and his password is still provisional: a
 * fresh token and security code each, issued for the whole run in one transaction.
 */
type Input = {
  modelText: string;
  withQr: boolean;
  establishment: string;
  /** The establishment's postal address, a line each ("" when not given): the sender of a posted letter. */
  establishmentAddress?: string;
};

const linesOf = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
const nameOf = (r: LetterRecipient) => [r.civility, r.lastName.toLocaleUpperCase("fr"), r.firstName].filter(Boolean).join(" ");

/**
 * The head of a posted letter: the establishment and its address, the date, then the recipient's
 * block — name (and class), postal address — where a window envelope shows it.
 */
function letterHead(input: Input, r: LetterRecipient, today: string): LetterHead {
  return {
    sender: [input.establishment, ...linesOf(input.establishmentAddress ?? "")],
    date: `Le ${today}`,
    recipient: [nameOf(r), ...(r.group ? [`Classe : ${r.group}`] : []), ...linesOf(r.postalAddress)],
  };
}

/** La Poste reads at most six lines in an envelope's window. */
const WINDOW_LINES = 6;

/**
 * "Un courrier par adresse": the composed letters of persons at one postal address (consecutive,
 * as byHousehold orders them) made one — its window names each of them above their common address,
 * then each person's part, with his own login, password and QR code, a page each.
 */
export function householdLetters(composed: ComposedLetter[]): Letter[] {
  const letters: Letter[] = [];
  for (let i = 0; i < composed.length; ) {
    const first = composed[i];
    let end = i + 1;
    while (end < composed.length && first.recipient.householdKey && composed[end].recipient.householdKey === first.recipient.householdKey)
      end++;
    const members = composed.slice(i, end);
    const address = linesOf(first.recipient.postalAddress);
    const names = members.map((m) => nameOf(m.recipient));
    const head = first.letter.head;
    const joined = names.length + address.length > WINDOW_LINES;
    letters.push({
      ...first.letter,
      head: head && {
        ...head,
        recipient: [...(joined ? [names.join(", ")] : names), ...address],
        names: joined ? 1 : names.length,
      },
      more: members.slice(1).map((m) => ({ lines: m.letter.lines, qr: m.letter.qr })),
    });
    i = end;
  }
  return letters;
}

/** Whether the letter of `r` carries a QR code: asked for, an Espace of the mobile app, a provisional password. */
const wantsQr = (input: Input, r: LetterRecipient) =>
  input.withQr && r.mobileEspace !== null && r.provisionalPassword !== null && !r.throughEnt;

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
      password: recipient.throughEnt ? ENT_PASSWORD : (recipient.provisionalPassword ?? PERSONALIZED_PASSWORD),
      securityCode: token?.securityCode ?? "",
      qrExpiry: token ? dateFr(token.expiresAt) : "",
      espaceAddress: recipient.espaceAddress,
      espaceName: recipient.espaceName,
      establishment: input.establishment,
      today,
    },
    { qr: token !== undefined, personalized: recipient.provisionalPassword === null, ent: recipient.throughEnt },
  );
}

/**
 * The Aperçu of the sending window: the letter of `recipient` as it would be printed now, by the
 * same merge, its secrets masked and no token issued (a preview must not revoke a letter already
 * given out).
 */
export function previewLetter(input: Input, recipient: LetterRecipient, now: Date = clock.now()) {
  const token = wantsQr(input, recipient) ? { securityCode: "••••", expiresAt: letterTokenExpiry(now) } : undefined;
  const masked = { ...recipient, provisionalPassword: recipient.provisionalPassword === null ? null : "••••••••••" };
  return mergeLetter(input, masked, token, dateFr(now));
}

export async function composeLetters(input: Input, recipients: LetterRecipient[], now: Date = clock.now()): Promise<ComposedLetter[]> {
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
    return { recipient, letter: { lines, qr, head: letterHead(input, recipient, today) }, lines };
  });
}
