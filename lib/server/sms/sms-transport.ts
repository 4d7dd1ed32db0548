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
    const response = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${this.token}` },
      body: JSON.stringify(sms),
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) throw new Error(`SMS provider answered ${response.status}`);
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
