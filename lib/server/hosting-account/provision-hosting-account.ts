import "server-only";
import { accountSearchKey } from "@/lib/search-key";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { schoolYearVersion } from "@/lib/product-version";
import { provisionSchema, type ProvisionInput } from "@/lib/schemas/hosting-account";
import { hashSecret, randomDigits, randomPassword } from "@/lib/server/security/secrets";
import { AppError, isUniqueViolation } from "@/lib/server/errors";
import { verifyMailTransport } from "@/lib/server/mail/send-mail";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { emailHostingNumbers, smsConsolePassword, type Delivery } from "./credential-messages";
import type { SmsTransport } from "@/lib/server/sms/sms-transport";

export const CONTROLLER_PORT = 21200;

export function defaultPlanningName(position: number): string {
  return `planning${String(position).padStart(2, "0")}`;
}

export type ProvisionResult = {
  accountId: string;
  hostingNumber: string;
  invoiceNumber: string;
  consolePassword: string;
  email: Delivery;
  sms: Delivery;
};

/** F1: opens a hosting account with its controller and licensed plannings, then sends the credentials. */
export async function provisionHostingAccount(
  rawInput: ProvisionInput,
  options: { smsTransport?: SmsTransport; actor?: string } = {},
): Promise<ProvisionResult> {
  const input = provisionSchema.parse(rawInput);
  // The invoice number exists only in this e-mail: no account is opened that could not receive it.
  await verifyMailTransport().catch((error: Error) => {
    throw new AppError("SMTP_DOWN", `Le serveur SMTP ne répond pas (${error.message}) : aucun compte n'a été ouvert.`);
  });
  const invoiceNumber = randomDigits(10);
  const consolePassword = randomPassword(14);
  const [invoiceNumberHash, consolePasswordHash] = await Promise.all([hashSecret(invoiceNumber), hashSecret(consolePassword)]);

  for (let attempt = 0; ; attempt++) {
    const hostingNumber = randomDigits(12);
    try {
      const account = await db.$transaction(async (tx) => {
        const created = await tx.hostingAccount.create({
          data: {
            product: input.product,
            establishment: input.establishment,
            rne: input.rne ?? null,
            hostingNumber,
            invoiceNumberHash,
            consolePasswordHash,
            responsibleName: input.responsibleName,
            responsibleEmail: input.responsibleEmail,
            responsibleMobile: input.responsibleMobile,
            searchKey: accountSearchKey({ ...input, rne: input.rne ?? null }),
            licensedPlannings: input.licensedPlannings,
            licensedConnections: input.licensedConnections,
            version: String(schoolYearVersion(clock.now())),
            controller: { create: { port: CONTROLLER_PORT } },
            plannings: {
              create: Array.from({ length: input.licensedPlannings }, (_, i) => ({
                position: i + 1,
                name: defaultPlanningName(i + 1),
                port: CONTROLLER_PORT + i + 1,
              })),
            },
          },
        });
        await recordAuditEvent(
          {
            accountId: created.id,
            actor: options.actor ?? "opérateur",
            action: "account.provision",
            detail: `${input.product} — ${input.establishment}`,
          },
          tx,
        );
        return created;
      });
      const email = await emailHostingNumbers(account, invoiceNumber);
      const sms = await smsConsolePassword(account, consolePassword, "credentials", options.smsTransport);
      return { accountId: account.id, hostingNumber, invoiceNumber, consolePassword, email, sms };
    } catch (error) {
      // 10^11 hosting numbers: a collision is rare, and the unique index tells us when it happens.
      if (isUniqueViolation(error) && attempt < 5) continue;
      throw error;
    }
  }
}
