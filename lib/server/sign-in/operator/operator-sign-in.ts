import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { inLane, verifyAgainstNothing, verifySecret } from "@/lib/server/security/secrets";
import { accountCounter, addressCounter, notJudged, reserveTry } from "@/lib/server/sign-in/throttle";
import { issueSigned, readSigned } from "@/lib/server/sign-in/ticket";
import { factorLabel, hasSecondFactor, operatorOwner } from "@/lib/server/sign-in/second-factor/owner";
import { startTotpEnrolment } from "@/lib/server/sign-in/second-factor/totp";
import { addTotpFactor } from "@/lib/server/sign-in/second-factor/manage-factors";
import { verifySecondFactor } from "@/lib/server/sign-in/second-factor/verify-second-factor";
import { openOperatorSession } from "./operator-sessions";

export const INVALID_OPERATOR_CREDENTIALS = "Adresse e-mail ou mot de passe incorrect.";

/**
 * The provider's operators sign in at /operateur/connexion: their e-mail and password (tries
 * reserved on the address's and the e-mail's counters before they are checked), then always a
 * second factor — added at the first sign-in, before anything else. Only then a session opens.
 */
type OperatorTicket = { operatorId: string; version: number };
const PURPOSE = "operator-ticket";

export type OperatorStep = { ticket: string; next: "second-factor" | "enrol-second-factor" };
type Client = { ip: string };

async function loadOperator(token: string) {
  const ticket = readSigned<OperatorTicket>(PURPOSE, token);
  const operator = await db.operator.findUnique({
    where: { id: ticket.operatorId },
    select: { id: true, email: true, disabled: true, sessionVersion: true },
  });
  if (!operator || operator.disabled || operator.sessionVersion !== ticket.version) {
    throw new AppError("TICKET", "La connexion a expiré : saisissez à nouveau votre adresse e-mail et votre mot de passe.");
  }
  return operator;
}

export async function startOperatorSignIn(input: { email: string; password: string }, client: Client): Promise<OperatorStep> {
  const email = input.email.trim().toLowerCase();
  const operator = await db.operator.findUnique({ where: { email }, omit: { passwordHash: false } });
  return inLane("anonymous", async () => {
    const reservation = await reserveTry([accountCounter(`operator:${email}`), addressCounter(client.ip)]);
    try {
      const ok =
        operator && !operator.disabled
          ? await verifySecret(operator.passwordHash, input.password, "anonymous")
          : await verifyAgainstNothing(input.password);
      if (!ok) throw new AppError("INVALID_CREDENTIALS", INVALID_OPERATOR_CREDENTIALS);
    } catch (error) {
      if (notJudged(error)) {
        await reservation.cancelled();
        throw error;
      }
      await recordAuditEvent({
        accountId: null,
        actor: `opérateur ${email.slice(0, 200)}`,
        action: "operator.signin.failure",
        ip: client.ip,
      });
      throw error;
    }
    await reservation.succeeded();
    const found = operator!;
    // The sequence's second factor is owed by every operator (lib/server/sign-in/sequence.ts): his application, or adding it now.
    const enrolled = await hasSecondFactor(operatorOwner(found));
    return {
      ticket: issueSigned(PURPOSE, { operatorId: found.id, version: found.sessionVersion }),
      next: enrolled ? "second-factor" : "enrol-second-factor",
    };
  });
}

async function opened(operator: { id: string; email: string; sessionVersion: number }, client: Client) {
  const token = await openOperatorSession(operator);
  await recordAuditEvent({ accountId: null, actor: `opérateur ${operator.email}`, action: "operator.signin.success", ip: client.ip });
  return token;
}

/** His application's code, or a recovery code: the session's token, for its cookie. */
export async function finishOperatorSignIn(input: { ticket: string; code: string }, client: Client) {
  const operator = await loadOperator(input.ticket);
  await verifySecondFactor(operatorOwner(operator), input.code, client.ip);
  return { sessionToken: await opened(operator, client) };
}

/** The first sign-in: the application added now, only while he has none (a password alone adds nothing to an account that has one). */
async function atEnrolment(token: string) {
  const operator = await loadOperator(token);
  if (await hasSecondFactor(operatorOwner(operator))) throw new AppError("STEP", "Cette étape n'est pas attendue.");
  return operator;
}

export async function startOperatorEnrolment(input: { ticket: string }) {
  const owner = operatorOwner(await atEnrolment(input.ticket));
  return startTotpEnrolment(owner, await factorLabel(owner));
}

export async function confirmOperatorEnrolment(input: { ticket: string; factorId: string; code: string; name: string }, client: Client) {
  const operator = await atEnrolment(input.ticket);
  const { recoveryCodes } = await addTotpFactor(operatorOwner(operator), input, client.ip);
  return { recoveryCodes, sessionToken: await opened(operator, client) };
}
