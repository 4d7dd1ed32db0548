"use server";

import { z } from "zod";
import { publicAction } from "./action-client";
import { personalizeEspacePassword, startEspaceLetterSignIn, startEspaceSignIn } from "@/lib/server/sign-in/espace/espace-sign-in";
import { ENT_PROOF_COOKIE, linkEntIdentity, resumeEntSignIn } from "@/lib/server/sign-in/espace/ent-sign-in";

const url = z.string().trim().min(1, "Saisissez l'adresse de l'Espace.").max(300);
const loginId = z.string().trim().min(1, "Saisissez votre identifiant de connexion.").max(60);

export const startEspaceSignInAction = publicAction(
  z.object({ url, loginId, password: z.string().min(1, "Saisissez votre mot de passe.").max(200) }),
  startEspaceSignIn,
);

/** What the mobile app sends after reading a letter's QR code: the Espace, login id and decrypted token. */
export const startEspaceLetterSignInAction = publicAction(
  z.object({ url, loginId, token: z.string().trim().min(1, "Saisissez le jeton lu dans le QR code.").max(200) }),
  startEspaceLetterSignIn,
);

export const personalizeEspacePasswordAction = publicAction(
  z.object({ ticket: z.string().min(1).max(2000), password: z.string().max(200), confirmation: z.string().max(200) }),
  personalizeEspacePassword,
);

/** Back from the ENT: the proof its return left in a cookie (taken once). */
export const resumeEntSignInAction = publicAction(z.object({}), async (_input, caller) => {
  const proof = caller.cookie(ENT_PROOF_COOKIE);
  caller.setCookie(ENT_PROOF_COOKIE, "", 0);
  return resumeEntSignIn(proof);
});

/** "À la première connexion": the login and password given once, with the ENT's proof. */
export const linkEntIdentityAction = publicAction(
  z.object({
    ticket: z.string().min(1).max(2000),
    loginId,
    password: z.string().min(1, "Saisissez votre mot de passe.").max(200),
    confirmed: z.boolean(),
  }),
  linkEntIdentity,
);
