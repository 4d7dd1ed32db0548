import "server-only";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/server/errors";
import { encryptProvisional, newProvisionalPassword } from "@/lib/server/security/provisional";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";

type Input = { loginId: string; lastName: string; firstName: string };

/**
 * F13 "Nouveau": status Utilisateur and a generated provisional password, returned once so that
 * the administrator sees it; afterwards only a connection letter prints it.
 */
export async function createUser(ctx: { accountId: string; actor: string; ip: string }, input: Input) {
  const provisionalPassword = newProvisionalPassword();
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.controllerUser.create({
        data: {
          accountId: ctx.accountId,
          loginId: input.loginId,
          loginKey: input.loginId.toLowerCase(),
          lastName: input.lastName.toUpperCase(),
          firstName: input.firstName,
          provisionalPasswordEnc: encryptProvisional(provisionalPassword),
        },
        select: { id: true, loginId: true },
      });
      await recordAuditEvent({ ...ctx, action: "user.create", detail: created.loginId }, tx);
      return created;
    });
    return { ...user, provisionalPassword };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("LOGIN_TAKEN", `L'identifiant de connexion ${input.loginId} est déjà utilisé.`, "loginId");
    }
    throw error;
  }
}
