import { routeContext } from "@/lib/auth/route-context";
import { listAuditEvents } from "@/lib/server/hosting-account/get-console-overview";
import { describeAuditAction } from "@/lib/server/audit/describe";

function csvCell(value: string): string {
  // A leading = + - @ would be run as a formula by a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** X2: the account's journal as CSV, for the hosting responsible and superadministrators (the Contrôleur roles). */
export async function GET() {
  const context = await routeContext("controller");
  if (context instanceof Response) return context;
  const events = await listAuditEvents(context.accountId, 10_000);
  const lines = [
    ["Date", "Qui", "Quoi", "Détail", "Depuis"].map(csvCell).join(";"),
    ...events.map((e) =>
      [e.createdAt.toISOString(), e.actor, describeAuditAction(e.action), e.detail, e.ip].map(csvCell).join(";"),
    ),
  ];
  return new Response("\uFEFF" + lines.join("\r\n") + "\r\n", {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="journal-console.csv"',
      "cache-control": "no-store",
    },
  });
}
