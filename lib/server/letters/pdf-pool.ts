import "server-only";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { Writable } from "node:stream";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import type { Letter } from "./letters-pdf";

type Info = { title: string; author: string };

/**
 * Letters' PDFs are written in worker threads (piscina): a 5,000-letter download or a batch's
 * attachments never hold the event loop that serves every other page of the instance. The worker
 * runs the TypeScript source through tsx (already the operator's command line's runtime), from the
 * console's folder, with or without Next's bundle around this module.
 */
function pool(): Piscina {
  const global = globalThis as unknown as { pdfPool?: Piscina };
  global.pdfPool ??= new Piscina({
    filename: path.join(process.cwd(), "lib/server/letters/pdf-worker.mjs"),
    maxThreads: Math.max(1, Number(process.env.PDF_THREADS || availableParallelism() - 1)),
    minThreads: 0,
    idleTimeout: 60_000,
  });
  return global.pdfPool;
}

/**
 * Streams one PDF of `chunks` (arrays of letters, composed on this thread) into `out`: a worker
 * writes the pages while the next chunk is composed here. The next chunk is asked for only when
 * the worker wants it and `out` has room, so memory stays flat whatever the number of letters.
 */
export async function writeLettersPdfOffThread(chunks: AsyncIterable<Letter[]>, out: Writable, info: Info): Promise<{ pages: number }> {
  const { port1, port2 } = new MessageChannel();
  const source = chunks[Symbol.asyncIterator]();
  let feeding = Promise.resolve();
  let pages = 0;
  const done = new Promise<void>((resolve, reject) => {
    // A failure here (the database, the reader gone) ends the worker's PDF too.
    const abort = (error: unknown) => {
      port1.postMessage({ end: true });
      reject(error);
    };
    port1.on("message", (message: { need?: true; chunk?: Uint8Array; done?: true; pages?: number }) => {
      if (message.chunk) out.write(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength));
      if (message.need) {
        feeding = feeding
          .then(async () => {
            if (out.writableNeedDrain) await new Promise((drained) => out.once("drain", drained));
            const next = await source.next();
            port1.postMessage(next.done ? { end: true } : { letters: next.value });
          })
          .catch(abort);
      }
      if (message.done) {
        pages = message.pages ?? 0;
        resolve();
      }
    });
    out.once("error", abort);
  });
  const task = pool().run({ port: port2, info }, { name: "streamPdf", transferList: [port2] });
  try {
    await Promise.all([done, task]);
  } finally {
    port1.close();
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { pages };
}

/** One single-page PDF per letter (a batch's e-mail attachments), written by a worker. */
export async function pdfEach(letters: Letter[], info: Info): Promise<Buffer[]> {
  const files: Uint8Array[] = await pool().run({ letters, info }, { name: "onePdfEach" });
  return files.map((file) => Buffer.from(file.buffer, file.byteOffset, file.byteLength));
}
