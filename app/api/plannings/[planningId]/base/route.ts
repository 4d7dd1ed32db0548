import { attachment, withRoute } from "@/lib/auth/route-context";
import { transferBase } from "@/lib/server/base/transfer-base";

/** F7 "Transférer la base": the current base of a planning the caller administers, as a file. */
export const GET = withRoute<{ planningId: string }>("plannings", async (context, _request, { planningId }) => {
  const { filename, bytes } = await transferBase(context, planningId);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "application/octet-stream",
      "content-disposition": attachment(filename),
      "cache-control": "no-store",
    },
  });
});
