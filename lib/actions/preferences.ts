"use server";

import { z } from "zod";
import { userAction } from "./action-client";
import { changeSecurityMeasure, revokeDevice } from "@/lib/server/user/preferences";

export const changeSecurityMeasureAction = userAction(
  z.object({
    password: z.string().min(1, "Saisissez votre mot de passe.").max(200),
    measure: z.enum(["NONE", "NOTIFY", "PIN"]),
    pin: z.string().max(20).optional(),
    pinConfirmation: z.string().max(20).optional(),
  }),
  async (input, ctx) => {
    await changeSecurityMeasure(ctx, input);
    return null;
  },
);

export const revokeDeviceAction = userAction(z.object({ deviceId: z.string().min(1).max(64) }), async (input, ctx) => {
  await revokeDevice(ctx, input.deviceId);
  return null;
});
