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
        // Ask for the next chunk while this one is written: composing and writing overlap. What
        // is written so far leaves with the request, so the reader gets pages as they come.
        flush();
        port.postMessage({ need: true });
        yield* next;
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  }
  // pdfkit writes an object at a time (a few hundred bytes): the bytes leave in 64 KB parcels, or a
  // download of 3,000 letters would be tens of thousands of messages, each a write on the server.
  const PARCEL = 64 * 1024;
  let parcel: Buffer[] = [];
  let size = 0;
  const flush = () => {
    if (size === 0) return;
    const bytes = new Uint8Array(Buffer.concat(parcel, size));
    port.postMessage({ chunk: bytes }, [bytes.buffer]);
    parcel = [];
    size = 0;
  };
  const out = new PassThrough();
  out.on("data", (chunk: Buffer) => {
    parcel.push(chunk);
    size += chunk.length;
    if (size >= PARCEL) flush();
  });
  port.postMessage({ need: true });
  const { pages } = await writeLettersPdf(letters(), out, info);
  flush();
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
