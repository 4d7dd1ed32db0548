"use server";

import { z } from "zod";
import { failure, validate, type ActionResult } from "./action-client";
import { getUserContext } from "@/lib/auth/session";
import { unauthorized } from "@/lib/server/errors";
import { changeSecurityMeasure, revokeDevice } from "@/lib/server/user/preferences";

/** Actions of a signed-in controller user on his own account, checked against the database. */
function userAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, ctx: NonNullable<Awaited<ReturnType<typeof getUserContext>>>) => Promise<T>,
) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    try {
      const ctx = await getUserContext();
      if (!ctx) throw unauthorized();
      const parsed = validate(schema, input);
      if (!parsed.ok) return parsed;
      return { ok: true, data: await handler(parsed.data, ctx) };
    } catch (error) {
      return failure(error);
    }
  };
}

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
