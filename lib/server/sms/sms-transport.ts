import "server-only";
import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";

export type Sms = { to: string; text: string };

export interface SmsTransport {
  send(sms: Sms): Promise<void>;
}

export const DEFAULT_SMS_OUTBOX = ".data/sms-outbox.jsonl";

/** Development and tests: each SMS is one JSON line in a file that a developer can read. */
export class FileSmsTransport implements SmsTransport {
  constructor(private readonly file: string) {}

  async send(sms: Sms) {
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify({ ...sms, sentAt: new Date().toISOString() })}\n`, { mode: 0o600 });
  }
}

/** Production: a provider's HTTP API taking `{ to, text }` as JSON with a bearer token. */
export class HttpSmsTransport implements SmsTransport {
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  async send(sms: Sms) {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${this.token}` },
        body: JSON.stringify(sms),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      // Nothing reached the provider (refused, unreachable) — or, after a timeout, it may have.
      const timeout = error instanceof Error && error.name === "TimeoutError";
      throw Object.assign(new Error(timeout ? "SMS provider did not answer" : "SMS provider unreachable"), {
        smsKind: timeout ? "interrupted" : "unreachable",
      });
    }
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) {
      throw Object.assign(new Error(`SMS provider answered ${response.status}`), { smsStatus: response.status });
    }
  }
}

export function smsTransportFromEnv(env = process.env): SmsTransport {
  const kind = env.SMS_TRANSPORT || (env.NODE_ENV === "production" ? "http" : "file");
  if (kind === "file") return new FileSmsTransport(env.SMS_OUTBOX || DEFAULT_SMS_OUTBOX);
  if (kind === "http") {
    if (!env.SMS_HTTP_URL || !env.SMS_HTTP_TOKEN) {
      throw new Error("SMS_TRANSPORT=http needs SMS_HTTP_URL and SMS_HTTP_TOKEN");
    }
    return new HttpSmsTransport(env.SMS_HTTP_URL, env.SMS_HTTP_TOKEN);
  }
  throw new Error(`Unknown SMS_TRANSPORT: ${kind}`);
}

export type SmsOutcome = { kind: "unreachable" | "later" | "refused" | "interrupted"; reason: string };

/**
 * What a failed SMS means for the batch, as smtpOutcome does for e-mails: the provider unreachable
 * (the batch waits and tries again), busy (429, 5xx: this SMS later), refusing it (4xx: failed), or
 * silent after the message was sent (reported, never sent twice).
 */
export function smsOutcome(error: unknown): SmsOutcome {
  const e = error as { smsKind?: SmsOutcome["kind"]; smsStatus?: number; message?: string };
  const reason = `Fournisseur de SMS : ${String(e?.message ?? "erreur inconnue").slice(0, 200)}`;
  if (e?.smsKind) return { kind: e.smsKind, reason };
  if (typeof e?.smsStatus === "number") return { kind: e.smsStatus === 429 || e.smsStatus >= 500 ? "later" : "refused", reason };
  return { kind: "interrupted", reason };
}

let shared: { said: string; transport: SmsTransport } | null = null;
/** The transport of this process, made again only when the environment says another one. */
export function smsTransport(env = process.env): SmsTransport {
  const said = [env.SMS_TRANSPORT, env.SMS_OUTBOX, env.SMS_HTTP_URL, env.SMS_HTTP_TOKEN, env.NODE_ENV].join("\u0000");
  if (shared?.said !== said) shared = { said, transport: smsTransportFromEnv(env) };
  return shared.transport;
}
