import { attachment, withRoute } from "@/lib/auth/route-context";
import { downloadArchive } from "@/lib/server/school-year/planning-archives";

/** Seed 004 "Archives": one archive of a planning the caller administers, as a base file. */
export const GET = withRoute<{ planningId: string; archiveId: string }>(
  "plannings",
  async (context, _request, { planningId, archiveId }) => {
    const { filename, bytes } = await downloadArchive(context, planningId, archiveId);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": "application/octet-stream",
        "content-disposition": attachment(filename),
        "cache-control": "no-store",
      },
    });
  },
);
