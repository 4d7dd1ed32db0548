import { NOT_IN_SMS } from "./original-models";

/**
 * How long an SMS is, as the network counts it (3GPP TS 23.038): in the GSM 7-bit alphabet one
 * message holds 160 characters and a message in two parts 2 × 153 = 306, the extension characters
 * ({ } [ ] \ ~ ^ | €) counting twice; a single character outside it (ê, â, ç, œ, an emoji…) turns
 * the whole text to UCS-2: 70, then 2 × 67 = 134. The console sends at most two parts.
 */
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€\f";

export const SMS_MAX_PARTS = 2;

export type SmsLength = {
  /** Characters as the network counts them (an extension character is two). */
  length: number;
  /** 160 / 306, or 70 / 134 once a character is outside the GSM alphabet. */
  single: number;
  max: number;
  unicode: boolean;
  /** Messages the text takes (more than SMS_MAX_PARTS: too long to send). */
  parts: number;
};

export function smsLength(text: string): SmsLength {
  let length = 0;
  let unicode = false;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) length += 1;
    else if (GSM_EXTENSION.includes(char)) length += 2;
    else unicode = true;
  }
  if (unicode) length = [...text].reduce((n, char) => n + (char.length > 1 ? 2 : 1), 0);
  const single = unicode ? 70 : 160;
  const part = unicode ? 67 : 153;
  return { length, single, max: SMS_MAX_PARTS * part, unicode, parts: length <= single ? 1 : Math.ceil(length / part) };
}

/** "123 / 160 caractères (1 SMS)", what the editor shows while the model is typed. */
export function smsLengthLabel(text: string): string {
  const { length, single, max, unicode, parts } = smsLength(text);
  const limit = parts <= 1 ? single : max;
  const alphabet = unicode ? " — caractères hors alphabet SMS (ê, ç, œ…) : 70 par SMS" : "";
  return `${length} / ${limit} caractères (${parts > SMS_MAX_PARTS ? "trop long" : `${parts} SMS`})${alphabet}`;
}

/**
 * An SMS model: no QR code nor what goes with it, and its fixed text (tags left out) already within
 * two messages — the merged text of each recipient is measured again when it is sent.
 */
export function checkSmsModel(text: string): { line: number; message: string }[] {
  const problems: { line: number; message: string }[] = [];
  for (const tag of NOT_IN_SMS) {
    if (text.toLocaleLowerCase("fr").includes(`[${tag.toLocaleLowerCase("fr")}]`)) {
      problems.push({ line: 0, message: `Un SMS ne peut pas contenir la balise [${tag}] : le QR code ne s'envoie que par courrier.` });
    }
  }
  const fixed = smsLength(text.replace(/\[[^\]]*\]/g, ""));
  if (fixed.parts > SMS_MAX_PARTS) {
    problems.push({ line: 0, message: `Ce SMS dépasse ${fixed.max} caractères sans compter les balises : raccourcissez-le.` });
  }
  return problems;
}
