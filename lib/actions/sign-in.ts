"use server";

import { z } from "zod";
import { publicAction } from "./action-client";
import { CERTIFICATE_MAX_AGE_S, certificateCookieName, installCertificate } from "@/lib/server/sign-in/hosting/certificates";

const installSchema = z.object({
  hostingNumber: z.string().max(40),
  password: z.string().max(64),
  invoiceNumber: z.string().max(40),
});

/**
 * F2 "Installer le certificat". Public by nature: the three numbers are the authorization,
 * checked with the same throttle as the sign-in.
 */
export const installCertificateAction = publicAction(installSchema, async (input, caller) => {
  const { accountId, token } = await installCertificate({ ...input, ip: caller.ip, userAgent: caller.userAgent });
  caller.setCookie(certificateCookieName(accountId), token, CERTIFICATE_MAX_AGE_S);
  return null;
});
