import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Actor } from "@/lib/server/actor";

type Settings = {
  allowedMeasures: ("NONE" | "NOTIFY" | "PIN")[];
  pinMinLength: number;
  passwordMinLength: number;
  requireSecondFactor?: boolean;
};

/**
 * F5 Sécurité: which measures users may choose, the PIN's and the password's minimum lengths, and
 * whether superadministrators must sign in with a second factor (each is asked to add one at his
 * next sign-in: lib/server/sign-in/controller/state.ts).
 */
export async function updateSecuritySettings(ctx: Actor, settings: Settings) {
  const allowedMeasures = (["NONE", "NOTIFY", "PIN"] as const).filter((m) => settings.allowedMeasures.includes(m)).join(",");
  await db.$transaction(async (tx) => {
    const controller = await tx.controller.findUnique({ where: { accountId: ctx.accountId } });
    if (!controller) throw notFound();
    await tx.controller.update({
      where: { id: controller.id },
      data: {
        allowedMeasures,
        pinMinLength: settings.pinMinLength,
        passwordMinLength: settings.passwordMinLength,
        ...(settings.requireSecondFactor === undefined ? {} : { requireSecondFactor: settings.requireSecondFactor }),
      },
    });
    if (settings.requireSecondFactor !== undefined && settings.requireSecondFactor !== controller.requireSecondFactor) {
      await recordAuditEvent(
        { ...ctx, action: "controller.second-factor", detail: settings.requireSecondFactor ? "obligatoire" : "facultative" },
        tx,
      );
    }
    await recordAuditEvent(
      {
        ...ctx,
        action: "controller.security",
        detail: `mesures : ${allowedMeasures} ; PIN ≥ ${settings.pinMinLength} ; mot de passe ≥ ${settings.passwordMinLength}`,
      },
      tx,
    );
  });
  return { allowedMeasures };
}
