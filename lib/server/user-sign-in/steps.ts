import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import {
  inLane,
  type Lane,
  codeDigest,
  digestMatches,
  hashSecret,
  hashToken,
  randomPassword,
  randomToken,
  verifyAgainstNothing,
  verifySecret,
} from "@/lib/server/security/secrets";
import { consoleUrl } from "@/lib/server/app-url";
import type { MeasureId } from "@/lib/measures";
import { matchesProvisional } from "@/lib/server/security/provisional";
import { firstBrokenRule } from "@/lib/password-rules";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { accountCounter, addressCounter, notJudged, reserveTry, takeNumberedPlace } from "@/lib/auth/throttle";
import { describeBrowser } from "@/lib/auth/certificates";
import { sendMail } from "@/lib/server/mail/send-mail";
import { issueTicket, readTicket, type Ticket } from "./ticket";
import { checkedPinHash } from "@/lib/server/user-sign-in/measure";
import { consumeLetterToken, INVALID_LETTER_TOKEN, revokeLetterTokens } from "@/lib/server/letters/letter-tokens";

export { MEASURE_IDS as MEASURES } from "@/lib/measures";
export type Measure = MeasureId;
export const MAX_PIN_FAILURES = 10;
export const INVALID_USER_CREDENTIALS = "Identifiant ou mot de passe incorrect.";

export type Step = "personalize" | "security" | "pin" | "device" | "done";
export type StepResult = {
  ticket: string;
  next: Step;
  displayName: string;
  allowedMeasures: Measure[];
  pinMinLength: number;
  passwordMinLength: number;
};

type Client = { ip: string; userAgent: string; deviceToken: (userId: string) => string | undefined };

async function loadUser(ticket: Ticket) {
  const user = await db.controllerUser.findFirst({
    where: { id: ticket.userId, accountId: ticket.accountId },
    omit: { passwordHash: false, provisionalPasswordEnc: false, pinHash: false },
    include: { account: { select: { controller: true } } },
  });
  if (!user || user.disabled || user.sessionVersion !== ticket.version) {
    throw new AppError("TICKET", "La connexion a expiré : saisissez à nouveau votre identifiant et votre mot de passe.");
  }
  return { user, controller: user.account.controller! };
}

type Loaded = Awaited<ReturnType<typeof loadUser>>;

function result({ user, controller }: Loaded, stage: Ticket["stage"], next: Step): StepResult {
  return {
    ticket: issueTicket({ userId: user.id, accountId: user.accountId, version: user.sessionVersion, stage }),
    next,
    displayName: `${user.lastName} ${user.firstName}`,
    allowedMeasures: controller.allowedMeasures.split(",").filter(Boolean) as Measure[],
    pinMinLength: controller.pinMinLength,
    passwordMinLength: controller.passwordMinLength,
  };
}

async function notifyNewDevice(user: Loaded["user"], userAgent: string) {
  if (!user.email) return;
  const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" }).format(new Date());
  await sendMail({
    to: user.email,
    subject: "Connexion à votre compte depuis un appareil non enregistré",
    text: [
      `Bonjour ${user.firstName} ${user.lastName},`,
      "",
      `Une connexion à votre compte ${user.loginId} a eu lieu le ${when} depuis un appareil non enregistré (${describeBrowser(userAgent)}).`,
      "Si vous n'en êtes pas l'auteur, prévenez sans attendre l'administrateur de votre établissement.",
    ].join("\n"),
  }).catch((error) => console.error("new-device notification failed", error));
}

/** Where a verified password leads, for a user whose password and measure are settled. */
async function afterPassword(loaded: Loaded, client: Client): Promise<StepResult> {
  const { user } = loaded;
  if (!user.passwordHash) return result(loaded, "password", "personalize");
  if (!user.securityMeasure) return result(loaded, "password", "security");
  const token = client.deviceToken(user.id);
  const device = token
    ? await db.recognizedDevice.findFirst({ where: { tokenHash: hashToken(token), userId: user.id, revokedAt: null } })
    : null;
  if (device) {
    await db.recognizedDevice.update({ where: { id: device.id }, data: { lastUsedAt: new Date() } });
    return result(loaded, "done", "done");
  }
  if (user.securityMeasure === "NONE") return result(loaded, "done", "done");
  if (user.securityMeasure === "NOTIFY") {
    await notifyNewDevice(user, client.userAgent);
    return result(loaded, "verified", "device");
  }
  if (user.pinLockedAt) throw pinLocked();
  return result(loaded, "password", "pin");
}

function pinLocked() {
  return new AppError(
    "PIN_LOCKED",
    "Votre connexion depuis un nouvel appareil est bloquée après 10 codes PIN erronés : demandez à un administrateur de la débloquer, ou suivez le lien reçu par e-mail.",
  );
}

const UNLOCK_CODE_LIFETIME_MS = 24 * 3600 * 1000;

/** Locks the device sign-in and e-mails a code that, typed back with the password, unlocks it. */
async function lockPin(user: Loaded["user"]) {
  const code = randomPassword(8);
  // Conditional: one lock, one code, one e-mail, however many tries reached the tenth place.
  const { count } = await db.controllerUser.updateMany({
    where: { id: user.id, pinLockedAt: null },
    data: {
      pinLockedAt: new Date(),
      pinUnlockCodeHash: codeDigest("pin-unlock", code),
      pinUnlockExpiresAt: new Date(Date.now() + UNLOCK_CODE_LIFETIME_MS),
    },
  });
  if (count === 0) return;
  await recordAuditEvent({ accountId: user.accountId, actor: user.loginId, action: "user.pin.locked" });
  if (!user.email) return;
  const domain = await db.domain.findFirst({ where: { accountId: user.accountId, controllerId: { not: null } } });
  const link = `${consoleUrl()}/espace/deverrouiller${domain ? `?controleur=${domain.fqdn}` : ""}`;
  await sendMail({
    to: user.email,
    subject: "Votre connexion par code PIN est bloquée",
    text: [
      `Bonjour ${user.firstName} ${user.lastName},`,
      "",
      "Dix codes PIN erronés ont été saisis pour votre compte : la connexion depuis un nouvel appareil est bloquée.",
      `Pour la débloquer, ouvrez ${link}`,
      `et saisissez, avec votre identifiant et votre mot de passe, le code de déblocage : ${code}`,
      "Ce code est valable 24 heures. Si vous n'êtes pas à l'origine de ces essais, prévenez votre administrateur.",
    ].join("\n"),
  }).catch((error) => console.error("unlock e-mail failed", error));
}

/** The e-mail link's page: login id, password and the code unlock the PIN sign-in. */
export async function unlockPinWithCode(input: { domain: string; loginId: string; password: string; code: string }, client: Client) {
  const fqdn = input.domain.trim().toLowerCase();
  const domain = await db.domain.findUnique({ where: { fqdn }, select: { accountId: true, controllerId: true } });
  if (!domain?.controllerId) throw new AppError("NO_CONTROLLER", "Aucun contrôleur ne répond à ce nom de domaine.", "domain");
  const loginKey = input.loginId.trim().toLowerCase();
  return inLane("anonymous", async () => {
    const reservation = await reserveTry([accountCounter(`unlock:${domain.accountId}:${loginKey}`), addressCounter(client.ip)]);
    const user = await db.controllerUser.findUnique({
      where: { accountId_loginKey: { accountId: domain.accountId, loginKey } },
      omit: { passwordHash: false, pinUnlockCodeHash: false },
    });
    const passwordOk = await (user?.passwordHash
      ? verifySecret(user.passwordHash, input.password, "anonymous")
      : verifyAgainstNothing(input.password)
    ).catch(async (error) => {
      if (notJudged(error)) await reservation.cancelled();
      throw error;
    });
    const valid =
      user &&
      passwordOk &&
      digestMatches(user.pinUnlockCodeHash, codeDigest("pin-unlock", input.code.trim())) &&
      user.pinUnlockExpiresAt !== null &&
      user.pinUnlockExpiresAt > new Date();
    if (!user || !valid) {
      throw new AppError("INVALID", "Identifiant, mot de passe ou code de déblocage incorrect (ou code expiré).");
    }
    await reservation.succeeded();
    await db.$transaction(async (tx) => {
      await tx.controllerUser.update({
        where: { id: user.id },
        data: { pinFailures: 0, pinLockedAt: null, pinUnlockCodeHash: null, pinUnlockExpiresAt: null },
      });
      await recordAuditEvent({ accountId: user.accountId, actor: user.loginId, action: "user.pin.unlock", ip: client.ip }, tx);
    });
  });
}

/** The running controller that answers to the domain the user typed (an address pasted whole works). */
async function runningController(typed: string) {
  const fqdn = typed
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/[/:].*$/, "");
  const domain = await db.domain.findUnique({ where: { fqdn }, include: { controller: true } });
  if (!domain?.controller) throw new AppError("NO_CONTROLLER", "Aucun contrôleur ne répond à ce nom de domaine.", "domain");
  if (domain.controller.status !== "RUNNING") {
    throw new AppError("STOPPED", "Ce contrôleur n'est pas en service : réessayez plus tard.", "domain");
  }
  return { accountId: domain.accountId, fqdn, port: domain.controller.port };
}

/**
 * Fiche 7 step 2, "Se connecter": the coordinates of the controller, as the Client's home screen
 * asks them. Nothing secret is checked: a domain and its port are what the ParamClient file and
 * the administrator's link give everybody.
 */
export async function findController(input: { domain: string; port: number }) {
  const controller = await runningController(input.domain);
  if (controller.port !== input.port) {
    throw new AppError(
      "WRONG_PORT",
      "Le contrôleur de ce nom de domaine n'écoute pas sur ce port TCP : reprenez celui que votre administrateur vous a donné.",
      "port",
    );
  }
  return { domain: controller.fqdn, port: controller.port };
}

type SignInUser = NonNullable<Awaited<ReturnType<typeof findSignInUser>>>;

function findSignInUser(accountId: string, loginKey: string) {
  return db.controllerUser.findUnique({
    where: { accountId_loginKey: { accountId, loginKey } },
    omit: { passwordHash: false, provisionalPasswordEnc: false },
  });
}

/** The user's recognised device this browser presents, if any (not yet marked used). */
async function presentedDevice(userId: string, client: Client) {
  const token = client.deviceToken(userId);
  if (!token) return null;
  return db.recognizedDevice.findFirst({ where: { tokenHash: hashToken(token), userId, revokedAt: null }, select: { id: true } });
}

/**
 * The frame of both ways in: the running controller, the user, the tries. `verify` throws when
 * the credential is wrong (given no user for an unknown or disabled one). A try takes its place on
 * the counters before it is verified: from one of the user's recognised devices, on that device's
 * own counter (nobody else can hold him back); otherwise on the login id's and the address's.
 * Every failure is journaled.
 */
async function firstStep(
  typed: { domain: string; loginId: string },
  client: Client,
  kind: "user" | "letter",
  verify: (user: SignInUser | null, accountId: string, lane: Lane) => Promise<void>,
) {
  const { accountId } = await runningController(typed.domain);
  const loginKey = typed.loginId.trim().toLowerCase();
  const found = await findSignInUser(accountId, loginKey);
  const user = found && !found.disabled ? found : null;
  const device = user ? await presentedDevice(user.id, client) : null;
  const lane: Lane = device ? "proven" : "anonymous";
  return inLane(lane, async () => {
    const reservation = await reserveTry(
      device ? [accountCounter(`device:${device.id}`)] : [accountCounter(`${kind}:${accountId}:${loginKey}`), addressCounter(client.ip)],
    );
    try {
      await verify(user, accountId, lane);
    } catch (error) {
      if (notJudged(error)) {
        await reservation.cancelled();
        throw error;
      }
      const action = kind === "user" ? "user.signin.failure" : "user.signin.letter.failure";
      await recordAuditEvent({ accountId, actor: loginKey, action, ip: client.ip });
      throw error;
    }
    await reservation.succeeded();
    const loaded = await loadUser({ userId: user!.id, accountId, version: user!.sessionVersion, stage: "password", exp: 0 });
    return afterPassword(loaded, client);
  });
}

/** F12 "Connexion au contrôleur": the controller's domain, the login id and the password. */
export async function startUserSignIn(input: { domain: string; loginId: string; password: string }, client: Client) {
  return firstStep(input, client, "user", async (user, _accountId, lane) => {
    let ok = false;
    if (user?.passwordHash) ok = await verifySecret(user.passwordHash, input.password, lane);
    else {
      // A provisional password is checked in microseconds: the same argon2 time is spent as for
      // a personal one, so that timing tells neither whether the login exists nor its state.
      await verifyAgainstNothing(input.password, lane);
      if (user?.provisionalPasswordEnc) ok = matchesProvisional(user.provisionalPasswordEnc, input.password);
    }
    if (!ok) throw new AppError("INVALID", INVALID_USER_CREDENTIALS);
  });
}

/**
 * F16/F17 The mobile app's sign-in with a connection letter: the login id and the token it
 * decrypted with the printed security code. It leads to the personalization of the password.
 */
export async function startLetterSignIn(input: { domain: string; loginId: string; token: string }, client: Client) {
  return firstStep(input, client, "letter", async (user, accountId) => {
    if (!user) throw new AppError("INVALID_TOKEN", INVALID_LETTER_TOKEN);
    await consumeLetterToken(
      { kind: "user", id: user.id, accountId, provisional: user.passwordHash === null },
      input.token.trim().toUpperCase(),
    );
  });
}

/** F17: the provisional password is replaced by a personal one; provisional password and QR tokens die. */
export async function personalizePassword(input: { ticket: string; password: string; confirmation: string }, client: Client) {
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
  return afterPassword({ user: { ...user, ...updated, passwordHash }, controller }, client);
}

/** F12 "Renforcer la sécurité de mon compte": a measure the Sécurité tab allows; for a PIN, typed twice. */
export async function chooseSecurityMeasure(
  input: { ticket: string; measure: Measure; pin?: string; pinConfirmation?: string },
  client: Client,
) {
  const ticket = readTicket(input.ticket);
  const loaded = await loadUser(ticket);
  const { user, controller } = loaded;
  if (!user.passwordHash) throw new AppError("PERSONALIZE", "Personnalisez d'abord votre mot de passe.");
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
export async function verifyPin(input: { ticket: string; pin: string }, client: Client) {
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
export async function registerDevice(input: { ticket: string; remember: boolean; name: string }, client: Client) {
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
  const { user } = await loadUser(ticket);
  // The actor is the login id as typed at creation: Licences counts open sessions by it.
  await recordAuditEvent({ accountId: user.accountId, actor: user.loginId, action: "user.signin.success", ip });
  return user;
}
