"use server";

import { z } from "zod";
import { cookies, headers } from "next/headers";
import { failure, publicAction, validate, type ActionResult } from "./action-client";
import { clientIp } from "@/lib/server/request-ip";
import {
  chooseSecurityMeasure,
  findController,
  MEASURES,
  personalizePassword,
  registerDevice,
  startLetterSignIn,
  startUserSignIn,
  unlockPinWithCode,
  verifyPin,
  type StepResult,
} from "@/lib/server/user-sign-in/steps";

const DEVICE_MAX_AGE_S = 400 * 24 * 3600;
const deviceCookie = (userId: string) => `user-device-${userId}`;

async function client() {
  const [h, jar] = await Promise.all([headers(), cookies()]);
  return {
    ip: clientIp((name) => h.get(name)),
    userAgent: h.get("user-agent") ?? "",
    deviceToken: (userId: string) => jar.get(deviceCookie(userId))?.value,
  };
}

/** Public by nature: the password, then the signed ticket, are the authorization of each step. */
const step = <S extends z.ZodType>(schema: S, run: (input: z.output<S>) => Promise<StepResult>) => publicAction(schema, run);

const ticket = z.string().min(1).max(2000);

const controllerDomain = z.string().trim().min(1, "Saisissez le nom de domaine du contrôleur.").max(300);
const loginId = z.string().trim().min(1, "Saisissez votre identifiant de connexion.").max(60);

const port = z
  .string()
  .trim()
  .regex(/^\d{1,5}$/, "Saisissez le port TCP du contrôleur : un nombre, 21200 par exemple.")
  .transform(Number)
  .refine((n) => n >= 1 && n <= 65535, "Un port TCP va de 1 à 65535.");

/** Fiche 7 "Se connecter": the controller's coordinates, before the identifiant and the password. */
export const findControllerAction = publicAction(z.object({ domain: controllerDomain, port }), findController);

export const startUserSignInAction = step(
  z.object({ domain: controllerDomain, loginId, password: z.string().min(1, "Saisissez votre mot de passe.").max(200) }),
  async (input) => startUserSignIn(input, await client()),
);

/** What the mobile app sends after reading a letter's QR code: login id and decrypted token. */
export const startLetterSignInAction = step(
  z.object({ domain: controllerDomain, loginId, token: z.string().trim().max(200) }),
  async (input) => startLetterSignIn(input, await client()),
);

export const personalizePasswordAction = step(
  z.object({ ticket, password: z.string().max(200), confirmation: z.string().max(200) }),
  async (input) => personalizePassword(input, await client()),
);

export const chooseSecurityMeasureAction = step(
  z.object({ ticket, measure: z.enum(MEASURES), pin: z.string().max(20).optional(), pinConfirmation: z.string().max(20).optional() }),
  async (input) => chooseSecurityMeasure(input, await client()),
);

export const verifyPinAction = step(z.object({ ticket, pin: z.string().max(20) }), async (input) => verifyPin(input, await client()));

export const registerDeviceAction = step(z.object({ ticket, remember: z.boolean(), name: z.string().max(60) }), async (input) => {
  const { deviceToken, userId, ...rest } = await registerDevice(input, await client());
  if (deviceToken) {
    (await cookies()).set(deviceCookie(userId), deviceToken, {
      httpOnly: true,
      sameSite: "strict",
      secure: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
      path: "/",
      maxAge: DEVICE_MAX_AGE_S,
    });
  }
  return rest;
});

export async function unlockPinAction(input: { domain: string; loginId: string; password: string; code: string }): Promise<ActionResult> {
  const parsed = validate(
    z.object({
      domain: z.string().trim().min(1, "Saisissez le nom de domaine du contrôleur.").max(300),
      loginId: z.string().trim().min(1, "Saisissez votre identifiant de connexion.").max(60),
      password: z.string().min(1, "Saisissez votre mot de passe.").max(200),
      code: z.string().trim().min(1, "Saisissez le code de déblocage reçu par e-mail.").max(20),
    }),
    input,
  );
  if (!parsed.ok) return parsed;
  try {
    await unlockPinWithCode(parsed.data, await client());
    return { ok: true, data: null };
  } catch (error) {
    return failure(error);
  }
}
