import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { hashSecret, hashToken, randomToken, verifySecret } from "@/lib/server/security/secrets";
import { matchesProvisional } from "@/lib/server/security/provisional";
import { firstBrokenRule } from "@/lib/password-rules";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { takeNumberedPlace } from "@/lib/server/sign-in/throttle";
import { revokeLetterTokens } from "@/lib/server/letters/letter-tokens";
import { checkedPinHash } from "./measure";
import { notifyNewDevice } from "./mails";
import { afterPassword, loadUser, mustPersonalize, pinLocked, result, wayIn, type Measure, type SignInClient } from "./state";
import { readTicket } from "@/lib/server/sign-in/ticket";
import { lockPin } from "./unlock";

/**
 * The steps after the password (F12, F17), each carried by the signed ticket: personalize the
 * password, choose a measure, type the PIN, name the device; then the session. The first step is
 * in first-step.ts, the PIN's unlock in unlock.ts.
 */
export const MAX_PIN_FAILURES = 10;

/** F17: the provisional password is replaced by a personal one; provisional password and QR tokens die. */
export async function personalizePassword(input: { ticket: string; password: string; confirmation: string }, client: SignInClient) {
  const ticket = readTicket(input.ticket);
  const loaded = await loadUser(ticket);
  const { user, controller } = loaded;
  if (user.passwordHash) throw new AppError("ALREADY", "Votre mot de passe est déjà personnalisé.");
  const broken = firstBrokenRule(input.password, controller.passwordMinLength);
  if (broken) throw new AppError("WEAK_PASSWORD", broken, "password");
  if (input.password !== input.confirmation) {
    throw new AppError("CONFIRMATION", "La confirmation ne correspond pas au mot de passe.", "confirmation");
  }
  if (user.provisionalPasswordEnc && matchesProvisional(user.provisionalPasswordEnc, input.password)) {
    throw new AppError("SAME", "Choisissez un mot de passe différent du mot de passe provisoire.", "password");
  }
  const passwordHash = await hashSecret(input.password);
  const updated = await db.$transaction(async (tx) => {
    const row = await tx.controllerUser.update({
      where: { id: user.id },
      data: { passwordHash, provisionalPasswordEnc: null, sessionVersion: { increment: 1 } },
    });
    await revokeLetterTokens(tx, { kind: "user", id: user.id });
    await recordAuditEvent({ accountId: user.accountId, actor: user.loginId, action: "user.personalize", ip: client.ip }, tx);
    return row;
  });
  return afterPassword({ ...loaded, user: { ...user, ...updated, passwordHash } }, client);
}

/** F12 "Renforcer la sécurité de mon compte": a measure the Sécurité tab allows; for a PIN, typed twice. */
export async function chooseSecurityMeasure(
  input: { ticket: string; measure: Measure; pin?: string; pinConfirmation?: string },
  client: SignInClient,
) {
  const ticket = readTicket(input.ticket);
  const loaded = await loadUser(ticket);
  const { user, controller } = loaded;
  if (mustPersonalize(loaded)) throw new AppError("PERSONALIZE", "Personnalisez d'abord votre mot de passe.");
  // Changing an existing measure goes through Mes préférences, where the user is signed in.
  if (user.securityMeasure) throw new AppError("ALREADY", "Votre mesure de sécurité est déjà choisie.");
  const pinHash = await checkedPinHash(controller, input);
  await db.$transaction(async (tx) => {
    await tx.controllerUser.update({ where: { id: user.id }, data: { securityMeasure: input.measure, pinHash } });
    await recordAuditEvent(
      { accountId: user.accountId, actor: user.loginId, action: "user.security-measure", detail: input.measure, ip: client.ip },
      tx,
    );
  });
  // The user who just set his measure on this device is the one to trust it.
  return result(loaded, input.measure === "NONE" ? "done" : "verified", input.measure === "NONE" ? "done" : "device");
}

/** F12: the PIN asked on an unrecognised device; ten wrong PINs lock the device sign-in. */
export async function verifyPin(input: { ticket: string; pin: string }, client: SignInClient) {
  const ticket = readTicket(input.ticket);
  const loaded = await loadUser(ticket);
  const { user } = loaded;
  if (ticket.stage !== "password" || user.securityMeasure !== "PIN" || !user.pinHash) {
    throw new AppError("STEP", "Cette étape n'est pas attendue.");
  }
  // The try takes its place (one of ten) before the PIN is verified: a burst is judged as a row.
  const place = await takeNumberedPlace(
    MAX_PIN_FAILURES,
    async () => {
      const row = await db.controllerUser.findUnique({ where: { id: user.id }, select: { pinFailures: true, pinLockedAt: true } });
      return row && !row.pinLockedAt ? row.pinFailures : null;
    },
    async (from) =>
      (
        await db.controllerUser.updateMany({
          where: { id: user.id, pinFailures: from, pinLockedAt: null },
          data: { pinFailures: from + 1 },
        })
      ).count,
  );
  if (place === null) throw pinLocked();
  if (!(await verifySecret(user.pinHash, input.pin))) {
    await recordAuditEvent({ accountId: user.accountId, actor: user.loginId, action: "user.pin.failure", ip: client.ip });
    if (place >= MAX_PIN_FAILURES) {
      await lockPin(user);
      throw pinLocked();
    }
    const left = MAX_PIN_FAILURES - place;
    throw new AppError("PIN", `Code PIN incorrect. Il vous reste ${left} essai${left > 1 ? "s" : ""}.`, "pin");
  }
  await db.controllerUser.update({ where: { id: user.id }, data: { pinFailures: 0 } });
  await notifyNewDevice(user, client.userAgent);
  return result(loaded, "verified", "device");
}

/** F12 "J'ajoute cet appareil à la liste de mes appareils "reconnus" sous le nom : …". */
export async function registerDevice(input: { ticket: string; remember: boolean; name: string }, client: SignInClient) {
  const ticket = readTicket(input.ticket);
  const loaded = await loadUser(ticket);
  if (ticket.stage !== "verified") throw new AppError("STEP", "Cette étape n'est pas attendue.");
  let deviceToken: string | null = null;
  if (input.remember) {
    const name = input.name.trim();
    if (!name) throw new AppError("NAME", "Donnez un nom à cet appareil (Bureau, PC portable, Secrétariat…).", "name");
    deviceToken = randomToken();
    await db.recognizedDevice.create({
      data: { accountId: loaded.user.accountId, userId: loaded.user.id, name: name.slice(0, 60), tokenHash: hashToken(deviceToken) },
    });
    await recordAuditEvent({
      accountId: loaded.user.accountId,
      actor: loaded.user.loginId,
      action: "user.device.add",
      detail: name,
      ip: client.ip,
    });
  }
  return { ...result(loaded, "done", "done"), deviceToken, userId: loaded.user.id };
}

/** The last step, inside next-auth: only a finished ticket opens a session. */
export async function completeUserSignIn(token: string, ip: string) {
  const ticket = readTicket(token);
  if (ticket.stage !== "done") throw new AppError("STEP", "La connexion n'est pas terminée.");
  const loaded = await loadUser(ticket);
  const { user } = loaded;
  // The actor is the login id as typed at creation: Licences counts open sessions by it. The detail is the way in.
  await recordAuditEvent({ accountId: user.accountId, actor: user.loginId, action: "user.signin.success", detail: wayIn(loaded), ip });
  return user;
}
