"use server";

import { z } from "zod";
import { operatorAction } from "./action-client";
import { operatorInputSchema } from "@/lib/server/operator/create-operator";

const accountId = z.string().min(1).max(64);

export const operatorResendCredentialsAction = operatorAction("resend-credentials", z.object({ accountId }));
export const operatorResetConsolePasswordAction = operatorAction("reset-console-password", z.object({ accountId }));
export const operatorResetSecondFactorAction = operatorAction(
  "reset-second-factor",
  z.object({ accountId, userId: z.string().min(1).max(64).optional() }),
);
export const operatorAddOperatorAction = operatorAction("add-operator", operatorInputSchema);
