"use server";

import { z } from "zod";
import { publicAction } from "./action-client";
import {
  confirmOperatorEnrolment,
  finishOperatorSignIn,
  startOperatorEnrolment,
  startOperatorSignIn,
} from "@/lib/server/sign-in/operator/operator-sign-in";
import { closeOperatorSession, OPERATOR_COOKIE, OPERATOR_SESSION_S } from "@/lib/server/sign-in/operator/operator-sessions";
import { getOperatorContext } from "@/lib/auth/operator";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";

// Public by nature: the password, then the signed ticket, are the authorization of each step.
const ticket = z.string().min(1).max(2000);
const code = z.string().trim().min(1, "Saisissez le code de votre application d'authentification.").max(40);

export const startOperatorSignInAction = publicAction(
  z.object({
    email: z.string().trim().min(1, "Saisissez votre adresse e-mail.").max(200),
    password: z.string().min(1, "Saisissez votre mot de passe.").max(200),
  }),
  startOperatorSignIn,
);

export const finishOperatorSignInAction = publicAction(z.object({ ticket, code }), async (input, caller) => {
  const { sessionToken } = await finishOperatorSignIn(input, caller);
  caller.setCookie(OPERATOR_COOKIE, sessionToken, OPERATOR_SESSION_S);
  return null;
});

export const startOperatorEnrolmentAction = publicAction(z.object({ ticket }), (input) => startOperatorEnrolment(input));

export const confirmOperatorEnrolmentAction = publicAction(
  z.object({ ticket, factorId: z.string().min(1).max(64), code, name: z.string().max(60) }),
  async (input, caller) => {
    const { recoveryCodes, sessionToken } = await confirmOperatorEnrolment(input, caller);
    caller.setCookie(OPERATOR_COOKIE, sessionToken, OPERATOR_SESSION_S);
    return { recoveryCodes };
  },
);

/** "Déconnexion": the session ends on the server, so a copy of its cookie opens nothing. */
export const signOutOperatorAction = publicAction(z.object({}), async (_input, caller) => {
  const operator = await getOperatorContext();
  await closeOperatorSession(caller.cookie(OPERATOR_COOKIE));
  caller.setCookie(OPERATOR_COOKIE, "", 0);
  if (operator) await recordAuditEvent({ accountId: null, actor: operator.actor, action: "operator.signout", ip: caller.ip });
  return null;
});
