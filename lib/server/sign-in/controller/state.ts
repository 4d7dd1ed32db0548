import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { hashToken } from "@/lib/server/security/secrets";
import type { MeasureId } from "@/lib/measures";
import type { Caller } from "@/lib/server/actor";
import { issueTicket, type Ticket } from "@/lib/server/sign-in/ticket";
import { signsInThroughLdap } from "@/lib/server/directory/ldap";
import { notifyNewDevice } from "./mails";
import { nextOwed } from "@/lib/server/sign-in/sequence";
import { hasSecondFactor, secondFactorRequired, userOwner } from "@/lib/server/sign-in/second-factor/owner";

/**
 * Where a user stands between his password and his session. Two words for it, on purpose: the
 * ticket's `stage` is what the server has proven (a password, then a PIN or a new device), and
 * `Step` is the screen the browser shows next; `result` is the one place that pairs them.
 */
export { MEASURE_IDS as MEASURES } from "@/lib/measures";
export type Measure = MeasureId;

export type Step = "second-factor" | "enrol-second-factor" | "personalize" | "security" | "pin" | "device" | "done";
export type StepResult = {
  ticket: string;
  next: Step;
  displayName: string;
  allowedMeasures: Measure[];
  pinMinLength: number;
  passwordMinLength: number;
};

/** What the steps read of their caller (lib/server/actor.ts `Caller`): address, browser, the device cookie. */
export type SignInClient = Pick<Caller, "ip" | "userAgent" | "cookie">;

/** The recognised-device cookie of one user, kept 400 days (the longest a browser keeps one). */
export const deviceCookieName = (userId: string) => `user-device-${userId}`;
export const DEVICE_MAX_AGE_S = 400 * 24 * 3600;

export async function loadUser(ticket: Ticket) {
  const user = await db.controllerUser.findFirst({
    where: { id: ticket.userId, accountId: ticket.accountId },
    omit: { passwordHash: false, provisionalPasswordEnc: false, pinHash: false },
    include: { account: { select: { controller: true } } },
  });
  if (!user || user.disabled || user.sessionVersion !== ticket.version) {
    throw new AppError("TICKET", "La connexion a expiré : saisissez à nouveau votre identifiant et votre mot de passe.");
  }
  return { user, controller: user.account.controller!, via: ticket.via, factor: ticket.factor === true };
}

export type Loaded = Awaited<ReturnType<typeof loadUser>>;

export function result({ user, controller, via, factor }: Loaded, stage: Ticket["stage"], next: Step): StepResult {
  return {
    ticket: issueTicket({
      userId: user.id,
      accountId: user.accountId,
      version: user.sessionVersion,
      stage,
      ...(via ? { via } : {}),
      ...(factor ? { factor: true as const } : {}),
    }),
    next,
    displayName: `${user.lastName} ${user.firstName}`,
    allowedMeasures: controller.allowedMeasures.split(",").filter(Boolean) as Measure[],
    pinMinLength: controller.pinMinLength,
    passwordMinLength: controller.passwordMinLength,
  };
}

/** The user's recognised device this browser presents, if any (not yet marked used). */
export async function presentedDevice(userId: string, client: SignInClient) {
  const token = client.cookie(deviceCookieName(userId));
  if (!token) return null;
  return db.recognizedDevice.findFirst({ where: { tokenHash: hashToken(token), userId, revokedAt: null }, select: { id: true } });
}

/**
 * Whether the user still has a provisional password to replace: not when his directory (LDAP) or
 * the CAS server or IdP that proved him holds his password.
 */
export function mustPersonalize({ user, controller, via }: Loaded): boolean {
  return !user.passwordHash && !via && !signsInThroughLdap(controller, user);
}

/** The way in the journal records. */
export function wayIn({ user, controller, via }: Loaded): string {
  if (via === "CAS") return "serveur CAS";
  if (via === "SAML") return "fournisseur d'identité SAML";
  return signsInThroughLdap(controller, user) ? "annuaire LDAP" : "mot de passe";
}

/**
 * Where a proven identity leads (lib/server/sign-in/sequence.ts): the second factor when he has
 * one or it is required of him, the personal password, the measure and its PIN, the device. A
 * second factor proven stands for the PIN of a new device: both prove the person, not the browser.
 */
export async function afterPassword(loaded: Loaded, client: SignInClient): Promise<StepResult> {
  const { user } = loaded;
  const owner = userOwner(user);
  const enrolled = !loaded.factor && (await hasSecondFactor(owner));
  const device = await presentedDevice(user.id, client);
  const next = nextOwed({
    "second-factor": !loaded.factor && (enrolled || (await secondFactorRequired(owner))),
    // A directory's user has his password there: nothing to personalize here.
    "personal-password": mustPersonalize(loaded),
    pin: !user.securityMeasure || (!device && user.securityMeasure === "PIN" && !loaded.factor),
    device: !device && user.securityMeasure !== "NONE",
  });
  if (next === "second-factor") return result(loaded, "password", enrolled ? "second-factor" : "enrol-second-factor");
  if (next === "personal-password") return result(loaded, "password", "personalize");
  if (next === "pin") {
    if (!user.securityMeasure) return result(loaded, "password", "security");
    if (user.pinLockedAt) throw pinLocked();
    return result(loaded, "password", "pin");
  }
  if (next === "device") {
    if (user.securityMeasure === "NOTIFY") await notifyNewDevice(user, client.userAgent);
    return result(loaded, "verified", "device");
  }
  if (device) await db.recognizedDevice.update({ where: { id: device.id }, data: { lastUsedAt: new Date() } });
  return result(loaded, "done", "done");
}

export function pinLocked() {
  return new AppError(
    "PIN_LOCKED",
    "Votre connexion depuis un nouvel appareil est bloquée après 10 codes PIN erronés : demandez à un administrateur de la débloquer, ou suivez le lien reçu par e-mail.",
  );
}
