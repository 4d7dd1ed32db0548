import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { LICENCE_VERSION } from "@/lib/licence";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";

/** F2 step 10: recorded with its date and the version of the text that was accepted. */
export async function acceptLicence(ctx: { accountId: string; ip: string }) {
  await db.$transaction(async (tx) => {
    await tx.hostingAccount.update({
      where: { id: ctx.accountId },
      data: { licenceAcceptedAt: clock.now(), licenceVersion: LICENCE_VERSION },
    });
    await recordAuditEvent(
      { accountId: ctx.accountId, actor: "responsable", action: "licence.accept", detail: LICENCE_VERSION, ip: ctx.ip },
      tx,
    );
  });
}
