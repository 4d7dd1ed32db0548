import { existsSync, readFileSync } from "node:fs";
import { DEFAULT_SMS_OUTBOX } from "@/lib/server/sms/sms-transport";

/** Where the development SMTP catcher writes what it receives: one JSON line per message. */
export const DEFAULT_MAILBOX = ".data/mailbox.jsonl";

export type CaughtMail = {
  to: string[];
  from: string;
  subject: string;
  text: string;
  attachments?: { filename: string; size: number }[];
  receivedAt: string;
};
export type SentSms = { to: string; text: string; sentAt: string };

function readJsonLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

export function readMailbox(file = process.env.MAILBOX || DEFAULT_MAILBOX): CaughtMail[] {
  return readJsonLines<CaughtMail>(file);
}

export function readSmsOutbox(file = process.env.SMS_OUTBOX || DEFAULT_SMS_OUTBOX): SentSms[] {
  return readJsonLines<SentSms>(file);
}
