import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { DELEGATED_AUTH, PROTOCOL_LABELS, type DelegatedProtocol } from "@/lib/schemas/delegated-auth";
import type { Actor } from "@/lib/server/actor";

const COLUMN = { ldap: "ldapSettings", cas: "casSettings", wsfed: "wsfedSettings", saml: "samlSettings" } as const;

/** F5 "Déléguer l'authentification": validated, then stored as one JSON document per protocol. */
export async function saveDelegatedAuth(ctx: Actor, protocol: DelegatedProtocol, raw: Record<string, unknown>) {
  const parsed = DELEGATED_AUTH[protocol].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID", issue.message, String(issue.path[0] ?? "form"));
  }
  await db.$transaction(async (tx) => {
    const controller = await tx.controller.findUnique({ where: { accountId: ctx.accountId } });
    if (!controller) throw notFound();
    await tx.controller.update({ where: { id: controller.id }, data: { [COLUMN[protocol]]: JSON.stringify(parsed.data) } });
    await recordAuditEvent(
      {
        ...ctx,
        action: "controller.delegated-auth",
        detail: `${PROTOCOL_LABELS[protocol]} : ${parsed.data.enabled ? "activée" : "désactivée"}`,
      },
      tx,
    );
  });
  return parsed.data;
}

export function readDelegatedAuth(controller: Record<(typeof COLUMN)[DelegatedProtocol], string>) {
  const out = {} as Record<DelegatedProtocol, Record<string, string | boolean> | null>;
  for (const [protocol, column] of Object.entries(COLUMN) as [DelegatedProtocol, (typeof COLUMN)[DelegatedProtocol]][]) {
    out[protocol] = controller[column] ? JSON.parse(controller[column]) : null;
  }
  return out;
}
