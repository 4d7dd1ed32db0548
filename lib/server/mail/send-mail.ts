import "server-only";
import { connect, type Socket } from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";

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

/**
 * How hard the console may push the mail server (README, Configuration): connections kept open and
 * used in parallel, and a ceiling of messages per second, since real providers cap their rate.
 */
export function smtpLimits() {
  return {
    connections: Math.max(1, Number(process.env.SMTP_MAX_CONNECTIONS || 5)),
    perSecond: Math.max(0, Number(process.env.SMTP_RATE_PER_SECOND || 0)),
  };
}

const transporters = new Map<string, Transporter>();

/** One pool of SMTP connections per process: a letter day's thousands of messages reuse them. */
function getTransporter(): Transporter {
  const url = process.env.SMTP_URL || DEFAULT_SMTP_URL;
  let transporter = transporters.get(url);
  if (!transporter) {
    const { connections, perSecond } = smtpLimits();
    transporter = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: connections,
      maxMessages: 1000,
      ...(perSecond > 0 ? { rateDelta: 1000, rateLimit: perSecond } : {}),
      getSocket: connectWithoutDelay,
    } as SMTPPool.Options);
    transporters.set(url, transporter);
  }
  return transporter;
}

/**
 * SMTP is a dialogue of short lines: with Nagle's algorithm on, each waited for the server's delayed
 * acknowledgement (~40 ms), and five connections carried 95 messages a second to a local server;
 * without it, 300. (TLS, for smtps, is then set up by nodemailer on this socket.)
 */
function connectWithoutDelay(
  options: { host?: string; port?: number; secure?: boolean },
  callback: (error: Error | null, socket?: { connection: Socket }) => void,
) {
  const socket = connect({ host: options.host || "localhost", port: options.port || (options.secure ? 465 : 587), noDelay: true });
  const fail = (error: Error) => {
    socket.destroy();
    // Not connected: no message has left, it may be sent again (smtpOutcome reads the command).
    callback(Object.assign(error, { command: "CONN" }));
  };
  socket.setTimeout(60_000, () => fail(Object.assign(new Error("Connection timeout"), { code: "ETIMEDOUT" })));
  socket.once("error", fail);
  socket.once("connect", () => {
    socket.setTimeout(0);
    socket.off("error", fail);
    callback(null, { connection: socket });
  });
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

/**
 * What a failed sending means for a letter: refused for good (5xx), refused for the moment (4xx),
 * the server unreachable before the message left (safe to send again), or cut while it was being
 * sent (it may have arrived: never sent blindly a second time).
 */
export type SmtpOutcome = { kind: "refused" | "later" | "unreachable" | "interrupted"; reason: string };

const CONNECTING = /^(CONN|EHLO|HELO|LHLO|STARTTLS|AUTH.*)$/i;
const BEFORE_MESSAGE = /^(API|MAIL FROM|RCPT TO|RSET)$/i;

export function smtpOutcome(error: unknown): SmtpOutcome {
  const e = error as { responseCode?: number; response?: string; code?: string; command?: string };
  const said = String(e?.response ?? e?.code ?? "erreur inconnue").slice(0, 200);
  const reason = `Serveur de messagerie : ${said}`;
  if (typeof e?.responseCode === "number" && e.responseCode >= 500) return { kind: "refused", reason };
  if (e?.command && CONNECTING.test(e.command)) return { kind: "unreachable", reason };
  if (typeof e?.responseCode === "number" && e.responseCode >= 400) return { kind: "later", reason };
  if (e?.command && BEFORE_MESSAGE.test(e.command)) return { kind: "unreachable", reason };
  return { kind: "interrupted", reason };
}
