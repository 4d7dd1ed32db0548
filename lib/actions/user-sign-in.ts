"use server";

import { z } from "zod";
import { publicAction } from "./action-client";
import { findController, startLetterSignIn, startUserSignIn } from "@/lib/server/sign-in/controller/first-step";
import { chooseSecurityMeasure, personalizePassword, registerDevice, verifyPin } from "@/lib/server/sign-in/controller/steps";
import { DEVICE_MAX_AGE_S, deviceCookieName, MEASURES } from "@/lib/server/sign-in/controller/state";
import { unlockPinWithCode } from "@/lib/server/sign-in/controller/unlock";
import {
  confirmUserFactorEnrolment,
  startUserFactorEnrolment,
  verifyUserSecondFactor,
} from "@/lib/server/sign-in/controller/second-factor-step";
import { DIRECTORY_PROOF_COOKIE, resumeDirectorySignIn } from "@/lib/server/sign-in/directory/cas-sign-in";

// Public by nature: the password, then the signed ticket, are the authorization of each step.

const ticket = z.string().min(1).max(2000);

const controllerDomain = z.string().trim().min(1, "Saisissez le nom de domaine du contrôleur.").max(300);
const loginId = z.string().trim().min(1, "Saisissez votre identifiant de connexion.").max(60);
const password = z.string().min(1, "Saisissez votre mot de passe.").max(200);

const port = z
  .string()
  .trim()
  .regex(/^\d{1,5}$/, "Saisissez le port TCP du contrôleur : un nombre, 21200 par exemple.")
  .transform(Number)
  .refine((n) => n >= 1 && n <= 65535, "Un port TCP va de 1 à 65535.");

/** Fiche 7 "Se connecter": the controller's coordinates, before the identifiant and the password. */
export const findControllerAction = publicAction(z.object({ domain: controllerDomain, port }), findController);

export const startUserSignInAction = publicAction(z.object({ domain: controllerDomain, loginId, password }), startUserSignIn);

/** What the mobile app sends after reading a letter's QR code: login id and decrypted token. */
export const startLetterSignInAction = publicAction(
  z.object({ domain: controllerDomain, loginId, token: z.string().trim().max(200) }),
  startLetterSignIn,
);

/** Back from the CAS server: the proof its return left in a cookie (taken once), then the console's own steps. */
export const resumeDirectorySignInAction = publicAction(z.object({}), async (_input, caller) => {
  const proof = caller.cookie(DIRECTORY_PROOF_COOKIE);
  caller.setCookie(DIRECTORY_PROOF_COOKIE, "", 0);
  return resumeDirectorySignIn(proof, caller);
});

export const personalizePasswordAction = publicAction(
  z.object({ ticket, password: z.string().max(200), confirmation: z.string().max(200) }),
  personalizePassword,
);

export const chooseSecurityMeasureAction = publicAction(
  z.object({ ticket, measure: z.enum(MEASURES), pin: z.string().max(20).optional(), pinConfirmation: z.string().max(20).optional() }),
  chooseSecurityMeasure,
);

const factorCode = z.string().trim().min(1, "Saisissez le code de votre application d'authentification.").max(40);

/** The second factor: a code of his application, or a recovery code. */
export const verifySecondFactorAction = publicAction(z.object({ ticket, code: factorCode }), verifyUserSecondFactor);

/** Required of him and none yet: the application he adds now. */
export const startFactorEnrolmentAction = publicAction(z.object({ ticket }), (input) => startUserFactorEnrolment(input));

export const confirmFactorEnrolmentAction = publicAction(
  z.object({ ticket, factorId: z.string().min(1).max(64), code: factorCode, name: z.string().max(60) }),
  confirmUserFactorEnrolment,
);

export const verifyPinAction = publicAction(z.object({ ticket, pin: z.string().max(20) }), verifyPin);

export const registerDeviceAction = publicAction(
  z.object({ ticket, remember: z.boolean(), name: z.string().max(60) }),
  async (input, caller) => {
    const { deviceToken, userId, ...rest } = await registerDevice(input, caller);
    if (deviceToken) caller.setCookie(deviceCookieName(userId), deviceToken, DEVICE_MAX_AGE_S);
    return rest;
  },
);

export const unlockPinAction = publicAction(
  z.object({
    domain: controllerDomain,
    loginId,
    password,
    code: z.string().trim().min(1, "Saisissez le code de déblocage reçu par e-mail.").max(20),
  }),
  async (input, caller) => {
    await unlockPinWithCode(input, caller);
    return null;
  },
);
