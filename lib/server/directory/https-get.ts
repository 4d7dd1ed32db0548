import "server-only";
import https from "node:https";
import { guardedConnection } from "@/lib/server/directory/outbound";

/** Past this (DIRECTORY_TIMEOUT_MS, 5 s), a CAS server or an IdP is taken as unreachable. */
export const directoryTimeoutMs = () => Number(process.env.DIRECTORY_TIMEOUT_MS || 5000);

const MAX_BYTES = 1_000_000;

/**
 * A GET over https only, the server's certificate checked against `ca` (PEM) when given — the
 * school's own CA — or the system's. Node's fetch takes no CA of its own without undici's
 * dispatcher, which is not a dependency: https.request does it in a few lines. Answers over
 * 1 MB or slower than the timeout are refused (an error whose message says which), and so is an
 * address of this machine or a private network, after DNS (outbound.ts).
 */
export function httpsGet(url: string, ca?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    if (target.protocol !== "https:") return reject(new Error("not https"));
    let guard: ReturnType<typeof guardedConnection>;
    try {
      guard = guardedConnection(target.hostname, Number(target.port || 443));
    } catch (error) {
      return reject(error);
    }
    const request = https.get(
      target,
      { ca: ca || undefined, timeout: directoryTimeoutMs(), headers: { accept: "application/xml" }, ...guard },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BYTES) request.destroy(new Error("answer too large"));
          else chunks.push(chunk);
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
  });
}
