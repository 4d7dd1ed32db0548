import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { inLane, type Lane, verifyAgainstNothing, verifySecret } from "@/lib/server/security/secrets";
import { matchesProvisional } from "@/lib/server/security/provisional";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { accountCounter, addressCounter, notJudged, reserveTry } from "@/lib/server/sign-in/throttle";
import { consumeLetterToken, INVALID_LETTER_TOKEN } from "@/lib/server/letters/letter-tokens";
import { enabledLdap, ldapAccepts } from "@/lib/server/directory/ldap";
import { afterPassword, loadUser, presentedDevice, type SignInClient } from "./state";

export const INVALID_USER_CREDENTIALS = "Identifiant ou mot de passe incorrect.";

/** The running controller that answers to the domain the user typed (an address pasted whole works). */
export async function runningController(typed: string) {
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
  const settings = await db.controller.findUniqueOrThrow({
    where: { accountId: controller.accountId },
    select: { casSettings: true, samlSettings: true },
  });
  // Whether the page offers "Se connecter avec le CAS" / "par l'ENT (SAML)" (what it says is public: the buttons are).
  const on = (json: string) => json !== "" && (JSON.parse(json) as { enabled?: boolean }).enabled === true;
  return { domain: controller.fqdn, port: controller.port, cas: on(settings.casSettings), saml: on(settings.samlSettings) };
}

type SignInUser = NonNullable<Awaited<ReturnType<typeof findSignInUser>>>;

function findSignInUser(accountId: string, loginKey: string) {
  return db.controllerUser.findUnique({
    where: { accountId_loginKey: { accountId, loginKey } },
    omit: { passwordHash: false, provisionalPasswordEnc: false },
  });
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
  client: SignInClient,
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

const controllerOf = async (accountId: string) =>
  (await db.controller.findUniqueOrThrow({ where: { accountId }, select: { ldapSettings: true } })) as { ldapSettings: string };

/**
 * F12 "Connexion au contrôleur": the controller's domain, the login id and the password — checked
 * by the school's directory for a user with an "Identifiant LDAP" when LDAP is on.
 */
export async function startUserSignIn(input: { domain: string; loginId: string; password: string }, client: SignInClient) {
  return firstStep(input, client, "user", async (user, accountId, lane) => {
    let ok = false;
    const ldap = user?.ldapId ? enabledLdap(await controllerOf(accountId)) : null;
    // "Identifiant LDAP" given and LDAP on: the directory judges the password, not the console.
    if (user && ldap) ok = await ldapAccepts(ldap, user.ldapId, input.password);
    else if (user?.passwordHash) ok = await verifySecret(user.passwordHash, input.password, lane);
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
export async function startLetterSignIn(input: { domain: string; loginId: string; token: string }, client: SignInClient) {
  return firstStep(input, client, "letter", async (user, accountId) => {
    if (!user) throw new AppError("INVALID_TOKEN", INVALID_LETTER_TOKEN);
    await consumeLetterToken(
      { kind: "user", id: user.id, accountId, provisional: user.passwordHash === null },
      input.token.trim().toUpperCase(),
    );
  });
}
