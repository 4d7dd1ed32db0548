import { PassThrough, Readable } from "node:stream";
import { attachment, withRoute } from "@/lib/auth/route-context";
import { batchLabelRecipients, batchLetterChunks } from "@/lib/server/letters/batch-letters";
import { writeLabelsPdf } from "@/lib/server/letters/labels-pdf";
import type { LabelFormat } from "@/lib/schemas/letters";
import { letterBatchOf } from "@/lib/server/letters/batch-progress";
import { writeLettersPdfOffThread } from "@/lib/server/letters/pdf-pool";

/**
 * F16 the letters of a batch as one PDF, streamed page by page while they are composed (here) and
 * written (in a worker thread, off the event loop): 2,000 letters never sit in memory. "Imprimante" opens it in the browser (inline) for printing; "PDF"
 * downloads it; for an e-mail batch, it holds the letters of the recipients without an address.
 */
export const GET = withRoute<{ batchId: string }>("letters", async (context, request, { batchId }) => {
  const batch = await letterBatchOf(context, batchId);
  const out = new PassThrough();
  const info = { title: batch.modelName, author: "Console d'hébergement" };
  (batch.labelFormat
    ? writeLabelsPdf(batchLabelRecipients(context, batch.id), out, batch.labelFormat as LabelFormat, info)
    : writeLettersPdfOffThread(batchLetterChunks(context, batch.id), out, info)
  ).catch((error) => {
    console.error("letters: PDF stopped", batch.id, error instanceof Error ? error.message : error);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  const inline = new URL(request.url).searchParams.has("impression");
  const filename = `${batch.modelName} ${batch.createdAt.toISOString().slice(0, 10)}.pdf`;
  return new Response(Readable.toWeb(out) as ReadableStream, {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": inline ? attachment(filename).replace(/^attachment/, "inline") : attachment(filename),
      // A PDF is compressed already: no-transform keeps Next from gzipping it again on the event loop.
      "cache-control": "no-store, no-transform",
    },
  });
});
