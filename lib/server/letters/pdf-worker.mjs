// The PDF pool's worker entry (pdf-pool.ts): the TypeScript worker loaded through tsx, the same
// runtime as the operator's command line, so that it runs from the sources beside Next's bundle.
import { tsImport } from "tsx/esm/api";

const worker = await tsImport("./pdf-worker.ts", import.meta.url);
export const streamPdf = worker.streamPdf;
export const onePdfEach = worker.onePdfEach;
