import { withRoute } from "@/lib/auth/route-context";
import { everyAuditEvent } from "@/lib/server/hosting-account/get-console-overview";
import { describeAuditAction } from "@/lib/server/audit/actions";

function csvCell(value: string): string {
  // A leading = + - @ would be run as a formula by a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** X2: the account's journal as CSV, for the hosting responsible and superadministrators (the Contrôleur roles). */
export const GET = withRoute("controller", async (context) => {
  const events = everyAuditEvent(context.accountId);
  const encoder = new TextEncoder();
  // Streamed a thousand lines at a time: the whole journal, however long, never sits in memory.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${["Date", "Qui", "Quoi", "Détail", "Depuis"].map(csvCell).join(";")}\r\n`));
    },
    async pull(controller) {
      const lines: string[] = [];
      for (let next = await events.next(); ; next = await events.next()) {
        if (next.done) {
          if (lines.length) controller.enqueue(encoder.encode(lines.join("")));
          controller.close();
          return;
        }
        const e = next.value;
        lines.push(`${[e.createdAt.toISOString(), e.actor, describeAuditAction(e.action), e.detail, e.ip].map(csvCell).join(";")}\r\n`);
        if (lines.length === 1000) break;
      }
      controller.enqueue(encoder.encode(lines.join("")));
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="journal-console.csv"',
      "cache-control": "no-store",
    },
  });
});
