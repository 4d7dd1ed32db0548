// Runs in a worker thread of the PDF pool (pdf-pool.ts), never on the server's event loop: the
// letters' QR symbols, pages and compression are the CPU of a letter day.
import { PassThrough } from "node:stream";
import type { MessagePort } from "node:worker_threads";
import { writeLettersPdf, type Letter } from "./letters-pdf";

type Info = { title: string; author: string };

/** One PDF of the letters posted on `port`, its bytes posted back as they are written. */
export async function streamPdf({ port, info }: { port: MessagePort; info: Info }): Promise<number> {
  const queue: Letter[][] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  port.on("message", (message: { letters: Letter[] } | { end: true }) => {
    if ("end" in message) ended = true;
    else queue.push(message.letters);
    wake?.();
  });
  async function* letters() {
    for (;;) {
      const next = queue.shift();
      if (next) {
        // Ask for the next chunk while this one is written: composing and writing overlap.
        port.postMessage({ need: true });
        yield* next;
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  }
  const out = new PassThrough();
  out.on("data", (chunk: Buffer) => {
    // A Buffer may share its memory with others: the bytes are copied into their own to be moved.
    const bytes = new Uint8Array(chunk);
    port.postMessage({ chunk: bytes }, [bytes.buffer]);
  });
  port.postMessage({ need: true });
  const { pages } = await writeLettersPdf(letters(), out, info);
  port.postMessage({ done: true, pages });
  port.close();
  return pages;
}

/** A one-page PDF per letter, for e-mail attachments. */
export async function onePdfEach({ letters, info }: { letters: Letter[]; info: Info }): Promise<Uint8Array[]> {
  const files: Uint8Array[] = [];
  for (const letter of letters) {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    await writeLettersPdf([letter], out, info);
    files.push(new Uint8Array(Buffer.concat(chunks)));
  }
  return files;
}
