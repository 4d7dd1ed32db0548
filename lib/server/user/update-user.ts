import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { STATUS_LABELS } from "@/lib/schemas/user";
import type { Actor } from "@/lib/server/actor";
import { requireEmergencyAccount } from "@/lib/server/directory/emergency";

type Changes = {
  status?: "SUPERADMIN" | "BASE_ADMIN" | "USER";
  email?: string;
  consoleAccess?: boolean;
  civility?: string;
  phone?: string;
  mobile?: string;
  ldapId?: string;
  casId?: string;
  wsfedId?: string;
  disabled?: boolean;
  unlockPin?: true;
};

/**
 * F5 Liste des utilisateurs, one cell at a time. Console access needs a valid e-mail (Fiche 4 step 6);
 * a user leaving the administrative statuses leaves Administration; the last superadministrator stays.
 */
export async function updateUser(ctx: Actor, userId: string, changes: Changes) {
  return db.$transaction(async (tx) => {
    const user = await tx.controllerUser.findFirst({ where: { id: userId, accountId: ctx.accountId } });
    if (!user) throw notFound();
    const email = changes.email ?? user.email;
    const consoleAccess = changes.email === "" ? false : (changes.consoleAccess ?? user.consoleAccess);
    if (consoleAccess && !email) {
      throw new AppError(
        "EMAIL_REQUIRED",
        "Saisissez d'abord une adresse e-mail valide pour autoriser l'accès à la console.",
        "consoleAccess",
      );
    }
    const status = changes.status ?? user.status;
    if (user.status === "SUPERADMIN" && (status !== "SUPERADMIN" || changes.disabled)) {
      const others = await tx.controllerUser.count({
        where: { accountId: ctx.accountId, status: "SUPERADMIN", disabled: false, id: { not: user.id } },
      });
      if (others === 0) throw new AppError("LAST_SUPERADMIN", "Le compte doit garder au moins un superadministrateur.", "status");
    }
    if (status === "USER") {
      await tx.profileAssignment.deleteMany({ where: { userId: user.id, profile: "ADMINISTRATION" } });
    }
    const { unlockPin, ...fields } = changes;
    const updated = await tx.controllerUser.update({
      where: { id: user.id },
      data: {
        ...fields,
        ...(unlockPin ? { pinFailures: 0, pinLockedAt: null, pinUnlockCodeHash: null, pinUnlockExpiresAt: null } : {}),
        email,
        consoleAccess: status === "USER" ? false : consoleAccess,
        // A disabled user loses his open sessions at once.
        ...(changes.disabled && !user.disabled ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    if (changes.ldapId !== undefined || changes.status !== undefined || changes.disabled) {
      await requireEmergencyAccount(
        tx,
        ctx.accountId,
        changes.ldapId !== undefined ? "ldapId" : changes.status !== undefined ? "status" : "disabled",
      );
    }
    const detail = Object.entries(changes)
      .map(([k, v]) =>
        k === "status"
          ? `statut : ${STATUS_LABELS[v as keyof typeof STATUS_LABELS]}`
          : k === "unlockPin"
            ? "connexion par code PIN débloquée"
            : `${k} : ${v}`,
      )
      .join(", ");
    await recordAuditEvent({ ...ctx, action: "user.update", detail: `${user.loginId} — ${detail}` }, tx);
    return { id: updated.id };
  });
}
