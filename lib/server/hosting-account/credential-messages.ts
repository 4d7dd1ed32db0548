import "server-only";
import { productInfo } from "@/lib/products";
import { db } from "@/lib/db";
import { sendMail } from "@/lib/server/mail/send-mail";
import { smsTransportFromEnv, type SmsTransport } from "@/lib/server/sms/sms-transport";
import { consoleUrl } from "@/lib/server/app-url";

export type Delivery = { sent: true } | { sent: false; error: string };

export type AccountFacts = {
  id: string;
  product: string;
  establishment: string;
  responsibleName: string;
  responsibleEmail: string;
  responsibleMobile: string;
  hostingNumber: string;
};

/** Sends one message to the hosting responsible and records its delivery, never its text. */
export async function deliver(account: AccountFacts, channel: "EMAIL" | "SMS", kind: string, send: () => Promise<void>): Promise<Delivery> {
  const recipient = channel === "EMAIL" ? account.responsibleEmail : account.responsibleMobile;
  try {
    await send();
    await db.outboundMessage.create({ data: { accountId: account.id, channel, kind, recipient, status: "SENT" } });
    return { sent: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.outboundMessage.create({
      data: { accountId: account.id, channel, kind, recipient, status: "FAILED", error: message.slice(0, 500) },
    });
    return { sent: false, error: message };
  }
}

/** F1: the hosting and invoice numbers travel by e-mail, never with the password. */
export function emailHostingNumbers(account: AccountFacts, invoiceNumber: string): Promise<Delivery> {
  const product = productInfo(account.product).displayName;
  const text = [
    `Bonjour ${account.responsibleName},`,
    "",
    `Vous êtes le responsable de l'hébergement de ${product} pour l'établissement ${account.establishment}.`,
    "Voici les informations dont vous aurez besoin pour vous connecter à la console d'hébergement :",
    "",
    `  Numéro d'hébergement : ${account.hostingNumber}`,
    `  Numéro de facture : ${invoiceNumber}`,
    "",
    "Le mot de passe de la console vous est envoyé par SMS.",
    "",
    `Rendez-vous sur ${consoleUrl()}, sélectionnez « Je me connecte en tant que responsable de l'hébergement »,`,
    "puis saisissez le numéro d'hébergement et le mot de passe de la console.",
    "Le numéro de facture ne sera demandé que lors de la première connexion depuis un navigateur.",
  ].join("\n");
  return deliver(account, "EMAIL", "credentials", () =>
    sendMail({ to: account.responsibleEmail, subject: `${product} hébergé : vos informations d'hébergement`, text }),
  );
}

/** F1 and the operator's reset: the console password travels by SMS only. */
export function smsConsolePassword(
  account: AccountFacts,
  password: string,
  kind: "credentials" | "password-reset",
  transport: SmsTransport = smsTransportFromEnv(),
): Promise<Delivery> {
  const product = productInfo(account.product).displayName;
  const text = `${product} hébergé - mot de passe de la console d'hébergement : ${password} (il n'est pas modifiable, conservez-le).`;
  return deliver(account, "SMS", kind, () => transport.send({ to: account.responsibleMobile, text }));
}

/** F11 "Recevoir mes identifiants d'hébergement": what can be sent again without storing secrets. */
export function emailHostingReminder(account: AccountFacts): Promise<Delivery> {
  const product = productInfo(account.product).displayName;
  const text = [
    `Bonjour ${account.responsibleName},`,
    "",
    `Voici vos identifiants d'hébergement ${product} pour l'établissement ${account.establishment} :`,
    "",
    `  Numéro d'hébergement : ${account.hostingNumber}`,
    "",
    "Le numéro de facture figure sur votre facture et dans le premier e-mail reçu ; il n'est demandé",
    "que pour installer le certificat sur un nouveau navigateur.",
    "Le mot de passe de la console n'est pas modifiable ; en cas de perte, une réinitialisation est",
    "nécessaire via le service commercial ou le SAV.",
    "",
    `Console d'hébergement : ${consoleUrl()}`,
  ].join("\n");
  return deliver(account, "EMAIL", "reminder", () =>
    sendMail({ to: account.responsibleEmail, subject: `${product} hébergé : vos identifiants d'hébergement`, text }),
  );
}
