import { attachment, routeContext } from "@/lib/auth/route-context";
import { AppError } from "@/lib/server/errors";
import { transferBase } from "@/lib/server/base/transfer-base";

/** F7 "Transférer la base": the current base of a planning the caller administers, as a file. */
export async function GET(_request: Request, { params }: { params: Promise<{ planningId: string }> }) {
  const context = await routeContext("plannings");
  if (context instanceof Response) return context;
  const { planningId } = await params;
  try {
    const { filename, bytes } = await transferBase(context, planningId);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": "application/octet-stream",
        "content-disposition": attachment(filename),
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) {
      return new Response(error.message, { status: error.code === "NOT_FOUND" ? 404 : 409 });
    }
    throw error;
  }
}
