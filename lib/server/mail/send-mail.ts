import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

export type Mail = {
  to: string;
  subject: string;
  text: string;
  /** A verified sending account's name and address (F15); the console's own address otherwise. */
  from?: string;
  attachments?: { filename: string; content: Buffer }[];
};

/** Development and tests point here: the local catcher started with the console (X7). */
export const DEFAULT_SMTP_URL = "smtp://127.0.0.1:2525";

const transporters = new Map<string, Transporter>();

function getTransporter(): Transporter {
  const url = process.env.SMTP_URL || DEFAULT_SMTP_URL;
  let transporter = transporters.get(url);
  if (!transporter) transporters.set(url, (transporter = nodemailer.createTransport(url)));
  return transporter;
}

export function mailFrom(): string {
  return process.env.MAIL_FROM || "Console d'hébergement <ne-pas-repondre@console-hebergement.local>";
}

export async function sendMail(mail: Mail): Promise<void> {
  await getTransporter().sendMail({ ...mail, from: mail.from ?? mailFrom() });
}

/** Asks the SMTP server to answer before anything is created that only an e-mail can deliver. */
export async function verifyMailTransport(): Promise<void> {
  await getTransporter().verify();
}
