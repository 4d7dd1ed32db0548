import "server-only";
import { db } from "@/lib/db";
import { searchKeyOf } from "@/lib/search-key";
import { AppError, isUniqueViolation, notFound } from "@/lib/server/errors";
import { hashSecret } from "@/lib/server/security/secrets";
import { firstBrokenRule } from "@/lib/password-rules";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Actor } from "@/lib/server/actor";

type Input = { firstName: string; lastName: string; loginId: string; password: string };

/** F4: only while the account has no superadministrator; the password rules hold on the server. */
export async function createFirstSuperadmin(ctx: Actor, input: Input) {
  const controller = await db.controller.findUnique({ where: { accountId: ctx.accountId } });
  if (!controller) throw notFound();
  const broken = firstBrokenRule(input.password, controller.passwordMinLength);
  if (broken) throw new AppError("WEAK_PASSWORD", broken, "password");
  const passwordHash = await hashSecret(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.controllerUser.count({ where: { accountId: ctx.accountId, status: "SUPERADMIN" } });
      if (existing > 0) throw new AppError("EXISTS", "Le premier superadministrateur existe déjà.");
      const user = await tx.controllerUser.create({
        data: {
          accountId: ctx.accountId,
          loginId: input.loginId,
          loginKey: input.loginId.toLowerCase(),
          firstName: input.firstName,
          lastName: input.lastName.toUpperCase(),
          status: "SUPERADMIN",
          searchKey: searchKeyOf(input),
          passwordHash,
        },
        select: { id: true, loginId: true },
      });
      await recordAuditEvent({ ...ctx, action: "user.first-superadmin", detail: user.loginId }, tx);
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("LOGIN_TAKEN", "Cet identifiant de connexion est déjà utilisé.", "loginId");
    }
    throw error;
  }
}
