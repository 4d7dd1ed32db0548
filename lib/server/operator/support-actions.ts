import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { emailHostingReminder } from "@/lib/server/hosting-account/credential-messages";
import { resetConsolePassword } from "@/lib/server/hosting-account/reset-console-password";
import { hostingOwner, userOwner } from "@/lib/server/sign-in/second-factor/owner";
import { resetSecondFactor } from "@/lib/server/sign-in/second-factor/reset-second-factor";
import { OPERATOR_ROLES, type OperatorRole } from "./permissions";

/** Who acts from /operateur, as the school's journal names him: the provider and his role; his name in the detail. */
export type OperatorActor = { operatorId: string; name: string; role: OperatorRole; ip: string };

export const journalActor = (op: Pick<OperatorActor, "role">) => `hébergeur (${OPERATOR_ROLES[op.role].toLowerCase()})`;

async function accountOrThrow(accountId: string) {
  const account = await db.hostingAccount.findUnique({ where: { id: accountId } });
  if (!account) throw notFound();
  return account;
}

/** "Renvoyer les identifiants d'hébergement": the reminder e-mail to the registered address, no secret in it. */
export async function operatorResendCredentials(op: OperatorActor, accountId: string) {
  const account = await accountOrThrow(accountId);
  const delivery = await emailHostingReminder(account);
  await recordAuditEvent({
    accountId,
    actor: journalActor(op),
    action: "operator.resend-credentials",
    detail: `par ${op.name}`,
    ip: op.ip,
  });
  if (!delivery.sent) throw new AppError("MAIL_FAILED", "L'e-mail n'a pas pu être envoyé. Réessayez plus tard.");
}

/** "Réinitialiser le mot de passe de la console": a new one by SMS; the account's sessions end. */
export async function operatorResetConsolePassword(op: OperatorActor, accountId: string) {
  const account = await accountOrThrow(accountId);
  const { sms } = await resetConsolePassword(account.hostingNumber, { actor: journalActor(op) });
  if (!sms.sent) throw new AppError("MAIL_FAILED", "Le SMS n'a pas pu être envoyé : réessayez plus tard.");
}

/** A lost device: the second factor of the hosting responsible, or of one superadministrator (`userId`). */
export async function operatorResetSecondFactor(op: OperatorActor, accountId: string, userId?: string) {
  await accountOrThrow(accountId);
  if (!userId) return resetSecondFactor(hostingOwner(accountId), { actor: journalActor(op), ip: op.ip });
  const user = await db.controllerUser.findFirst({
    where: { id: userId, accountId },
    select: { id: true, accountId: true, loginId: true },
  });
  if (!user) throw notFound();
  return resetSecondFactor(userOwner(user), { actor: journalActor(op), ip: op.ip });
}
