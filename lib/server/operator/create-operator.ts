import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { hashSecret, randomPassword } from "@/lib/server/security/secrets";
import { OPERATOR_ROLES, type OperatorRole } from "./permissions";

export const operatorInputSchema = z.object({
  email: z.string().trim().toLowerCase().email("Saisissez une adresse e-mail valide.").max(200),
  name: z.string().trim().min(1, "Saisissez le nom de l'opérateur.").max(100),
  role: z.enum(Object.keys(OPERATOR_ROLES) as [OperatorRole, ...OperatorRole[]], { error: "Choisissez Support ou Administration." }),
});

/**
 * A new operator, with a password of 16 characters returned once (the CLI prints it, the area
 * shows it to the administrator who adds him): he adds his authenticator application at his first
 * sign-in, before anything else. `by` is who added him ("console" for the CLI).
 */
export async function createOperator(input: z.input<typeof operatorInputSchema>, by: { actor: string; ip?: string }) {
  const parsed = operatorInputSchema.parse(input);
  const password = randomPassword(16);
  try {
    const operator = await db.operator.create({
      data: { email: parsed.email, name: parsed.name, role: parsed.role, passwordHash: await hashSecret(password) },
      select: { id: true, email: true, name: true, role: true },
    });
    await recordAuditEvent({
      accountId: null,
      actor: by.actor,
      action: "operator.add",
      detail: `${operator.email} (${OPERATOR_ROLES[parsed.role]})`,
      ip: by.ip,
    });
    return { ...operator, password };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("EXISTS", "Un opérateur a déjà cette adresse e-mail.", "email");
    throw error;
  }
}
