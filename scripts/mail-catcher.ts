// X7: a local SMTP server for development and tests. It accepts every message and appends it to
// the mailbox file, where `npm run console -- outbox` and the e2e tests read it.
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { simpleParser, type AddressObject } from "mailparser";
import { DEFAULT_MAILBOX } from "@/lib/dev/outboxes";
import { usage } from "./usage.mjs";

/**
 * Two kinds of address let tests see a mail server say no: "…@refus.test" is refused for good
 * (550), and "…+retry@…" is refused once for the moment (451), then accepted.
 */
const REFUSED = /@refus\.test$/i;
const ONCE = /\+retry@/i;

export function startMailCatcher(options: { port: number; mailbox: string; host?: string; sink?: boolean }) {
  mkdirSync(path.dirname(options.mailbox), { recursive: true });
  const refusedOnce = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refuse = (code: number, message: string) => callback(Object.assign(new Error(message), { responseCode: code }));
      if (REFUSED.test(address.address)) return refuse(550, "Adresse inconnue");
      if (ONCE.test(address.address) && !refusedOnce.has(address.address)) {
        refusedOnce.add(address.address);
        return refuse(451, "Essayez plus tard");
      }
      callback();
    },
    onData(stream, session, callback) {
      if (options.sink) {
        // The benchmarks' mail server: what a real one does cheaply (take the message, note its
        // recipients and size), without parsing it as the tests' mailbox does (mailparser took
        // ~13 ms a message with its PDF, capping a benchmark at ~75 e-mails/s).
        let size = 0;
        stream.on("data", (chunk: Buffer) => (size += chunk.length));
        stream.on("end", () => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          appendFileSync(options.mailbox, `${JSON.stringify({ to, size, receivedAt: new Date().toISOString() })}\n`, { mode: 0o600 });
          callback();
        });
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          const to = ([] as AddressObject[]).concat(mail.to ?? []).flatMap((a) => a.value.map((v) => v.address ?? ""));
          const record = {
            to,
            from: mail.from?.text ?? "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            attachments: mail.attachments.map((a) => ({ filename: a.filename, size: a.size })),
            receivedAt: new Date().toISOString(),
          };
          appendFileSync(options.mailbox, `${JSON.stringify(record)}\n`, { mode: 0o600 });
          callback();
        })
        .catch(callback);
    },
  });
  return new Promise<SMTPServer>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      // A client that dies mid-message (an instance killed by a test) resets its connection: that
      // one message is lost, the server goes on (smtp-server emits it as an error of the server).
      server.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code !== "ECONNRESET" && error.code !== "EPIPE") console.error("mail-catcher:", error.message);
      });
      resolve(server);
    });
  });
}

export function smtpPortFromEnv(): number {
  const url = new URL(process.env.SMTP_URL || "smtp://127.0.0.1:2525");
  return Number(url.port || 25);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  usage(`
npm run mail-catcher [-- --sink]   un serveur SMTP local qui accepte tout et écrit chaque message dans MAILBOX
Variables : SMTP_URL (smtp://127.0.0.1:2525), MAILBOX. --sink : sans analyser les messages (bancs d'essai).
`);
  const mailbox = process.env.MAILBOX || DEFAULT_MAILBOX;
  const port = smtpPortFromEnv();
  await startMailCatcher({ port, mailbox, sink: process.argv.includes("--sink") });
  console.log(`Récepteur SMTP local : 127.0.0.1:${port} → ${mailbox}`);
}
