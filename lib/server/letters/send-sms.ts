import "server-only";
import { SMS_MAX_PARTS, smsLength } from "@/lib/letters/sms-length";
import { smsOutcome, smsTransport } from "@/lib/server/sms/sms-transport";
import type { ComposedLetter } from "./compose-letters";

/** SMS sent at once to the provider. */
export const SMS_CONNECTIONS = 4;
export const SMS_UNREACHABLE = "Le fournisseur de SMS ne répond pas : l'envoi reprendra dès qu'il répondra.";

/** One SMS: the merged model on its lines, within two messages, never a QR code (the model has none). */
export async function sendSms<D extends { mobile: string }>(delivery: D, composed: ComposedLetter) {
  const text = composed.lines.map((l) => l.text).join("\n");
  const length = smsLength(text);
  if (length.parts > SMS_MAX_PARTS) {
    return {
      delivery,
      kind: "refused" as const,
      reason: `SMS trop long pour ce destinataire (${length.length} caractères, ${length.max} au plus) : raccourcissez le modèle.`,
    };
  }
  try {
    await smsTransport().send({ to: delivery.mobile, text });
    return { delivery, kind: "sent" as const, reason: "" };
  } catch (error) {
    return { delivery, ...smsOutcome(error) };
  }
}
