"use server";

import { z } from "zod";
import { consoleAction } from "./action-client";
import { acceptLicence } from "@/lib/server/hosting-account/accept-licence";
import { resendCredentials } from "@/lib/server/hosting-account/resend-credentials";
import { revokeCertificate } from "@/lib/server/sign-in/hosting/certificates";
import { requestPreVersion } from "@/lib/server/hosting-account/request-pre-version";

export const acceptLicenceAction = consoleAction(
  "account",
  z.object({ accepted: z.literal(true, { error: "Cochez « J'accepte le Contrat de licence »." }) }),
  (_input, ctx) => acceptLicence(ctx),
  { beforeLicence: true },
);

export const revokeCertificateAction = consoleAction(
  "account",
  z.object({ certificateId: z.string().min(1).max(64) }),
  async (input, ctx) => {
    await revokeCertificate({ accountId: ctx.accountId, certificateId: input.certificateId, ip: ctx.ip });
    return { signedOut: input.certificateId === ctx.certificateId };
  },
);

export const resendCredentialsAction = consoleAction("account", z.object({}), (_input, ctx) => resendCredentials(ctx));

export const requestPreVersionAction = consoleAction("account", z.object({}), (_input, ctx) => requestPreVersion(ctx));
