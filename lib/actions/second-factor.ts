"use server";

import { z } from "zod";
import { ownerAction } from "./action-client";
import { startTotpEnrolment } from "@/lib/server/sign-in/second-factor/totp";
import { addTotpFactor, removeSecondFactor, renewRecoveryCodes } from "@/lib/server/sign-in/second-factor/manage-factors";
import { factorLabel } from "@/lib/server/sign-in/second-factor/owner";
import { verifySecondFactor } from "@/lib/server/sign-in/second-factor/verify-second-factor";

const code = z.string().trim().min(1, "Saisissez un code de votre application d'authentification.").max(40);

export const startTotpEnrolmentAction = ownerAction(z.object({}), async (_input, owner) =>
  startTotpEnrolment(owner, await factorLabel(owner)),
);

export const addTotpFactorAction = ownerAction(
  z.object({ factorId: z.string().min(1).max(64), code, name: z.string().max(60) }),
  (input, owner, ip) => addTotpFactor(owner, input, ip),
);

/** Removing a factor, or renewing the codes, is confirmed by a current code: a session left open is not enough. */
export const removeSecondFactorAction = ownerAction(z.object({ factorId: z.string().min(1).max(64), code }), async (input, owner, ip) => {
  await verifySecondFactor(owner, input.code, ip);
  await removeSecondFactor(owner, input.factorId, ip);
  return null;
});

export const renewRecoveryCodesAction = ownerAction(z.object({ code }), async (input, owner, ip) => {
  await verifySecondFactor(owner, input.code, ip);
  return renewRecoveryCodes(owner, ip);
});
