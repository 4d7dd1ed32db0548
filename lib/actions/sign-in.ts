"use server";

import { z } from "zod";
import { cookies, headers } from "next/headers";
import { failure, validate, type ActionResult } from "./action-client";
import { CERTIFICATE_MAX_AGE_S, certificateCookieName, installCertificate } from "@/lib/auth/certificates";
import { clientIp } from "@/lib/server/request-ip";

const installSchema = z.object({
  hostingNumber: z.string().max(40),
  password: z.string().max(64),
  invoiceNumber: z.string().max(40),
});

/**
 * F2 "Installer le certificat". Public by nature: the three numbers are the authorization,
 * checked with the same throttle as the sign-in.
 */
export async function installCertificateAction(input: z.input<typeof installSchema>): Promise<ActionResult> {
  const parsed = validate(installSchema, input);
  if (!parsed.ok) return parsed;
  try {
    const h = await headers();
    const { accountId, token } = await installCertificate({
      ...parsed.data,
      ip: clientIp((name) => h.get(name)),
      userAgent: h.get("user-agent") ?? "",
    });
    (await cookies()).set(certificateCookieName(accountId), token, {
      httpOnly: true,
      sameSite: "strict",
      secure: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
      path: "/",
      maxAge: CERTIFICATE_MAX_AGE_S,
    });
    return { ok: true, data: null };
  } catch (error) {
    return failure(error);
  }
}
