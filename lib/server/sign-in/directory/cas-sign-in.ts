import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { consoleUrl } from "@/lib/server/app-url";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { CAS_CERTIFICATE, CAS_DOWN, casLoginUrl, validateCasTicket, type CasIdentity, type CasServer } from "@/lib/server/directory/cas";
import { PROOF_REFUSED } from "@/lib/server/sign-in/directory/used-proofs";
import { STATE_REFUSED } from "@/lib/server/sign-in/directory/return-state";
import { runningController } from "@/lib/server/sign-in/controller/first-step";
import { afterPassword, loadUser, type SignInClient } from "@/lib/server/sign-in/controller/state";
import { issueTicket, readTicket } from "@/lib/server/sign-in/ticket";

type CasSettings = CasServer & { enabled?: boolean; userAttribute?: string };

/** Where the CAS server sends the browser back: always the console's own address, never one a request names. */
export const CAS_RETURN_PATH = "/api/connexion/cas/retour";
/** The cookie that carries the proof from the return to the sign-in page's next step (5 minutes). */
export const DIRECTORY_PROOF_COOKIE = "directory-proof";

export const NO_CAS = "La connexion par CAS n'est pas activée sur ce contrôleur.";
export const CAS_SHARED =
  "Plusieurs utilisateurs du contrôleur ont cet Identifiant CAS : la connexion est refusée. Prévenez l'administrateur de la console.";
export const CAS_UNKNOWN =
  "Le serveur d'authentification (CAS ou ENT) vous a reconnu, mais aucun utilisateur du contrôleur n'a cet Identifiant CAS : demandez-le à votre administrateur.";

/** The return address: the controller, and the tag of the state of the browser that started (sign-in-state.ts). */
const serviceFor = (fqdn: string, tag: string) =>
  `${consoleUrl()}${CAS_RETURN_PATH}?${new URLSearchParams({ controleur: fqdn, etat: tag })}`;

async function casOf(domain: string) {
  const controller = await runningController(domain);
  const { casSettings } = await db.controller.findUniqueOrThrow({
    where: { accountId: controller.accountId },
    select: { casSettings: true },
  });
  const settings = casSettings ? (JSON.parse(casSettings) as CasSettings) : null;
  if (!settings?.enabled) throw new AppError("NO_CAS", NO_CAS);
  return { ...controller, settings };
}

/** "Se connecter avec le CAS": the CAS server's login page, for the controller that answers to `domain`, for this browser's sign-in. */
export async function casSignInUrl(domain: string, tag: string): Promise<string> {
  const { fqdn, settings } = await casOf(domain);
  return casLoginUrl(settings, serviceFor(fqdn, tag));
}

/** The "Identifiant CAS" the server gave: the user's name, or the configured attribute's one value. */
function casIdOf(identity: CasIdentity, attribute: string | undefined): string {
  if (!attribute) return identity.user;
  const values = identity.attributes[attribute] ?? [];
  return values.length === 1 ? values[0] : "";
}

/**
 * Back from the CAS server: the ticket validated, the user whose "Identifiant CAS" it names found
 * (two users sharing it are refused rather than guessed between), and a proof of the directory's
 * yes signed for the console's own next steps — PIN, recognised device — which the sign-in page
 * takes up. Every refusal is journaled. `tag` is that of the browser's state (checked by the
 * route): the ticket was asked for the service address that carries it, or the server refuses it.
 */
export async function finishCasSignIn(domain: string, ticket: string, client: { ip: string }, tag: string) {
  const { accountId, fqdn, port, settings } = await casOf(domain);
  const identity = await validateCasTicket(settings, serviceFor(fqdn, tag), ticket);
  const casId = casIdOf(identity, settings.userAttribute);
  const users = casId
    ? await db.controllerUser.findMany({
        where: { accountId, casId, disabled: false },
        select: { id: true, sessionVersion: true },
        take: 2,
      })
    : [];
  if (users.length !== 1) {
    const detail = `serveur CAS : ${users.length > 1 ? "identifiant partagé" : "identifiant inconnu"} (${identity.user.slice(0, 100)})`;
    await recordAuditEvent({
      accountId,
      actor: casId.slice(0, 100) || identity.user.slice(0, 100),
      action: "user.signin.failure",
      detail,
      ip: client.ip,
    });
    if (users.length > 1) throw new AppError("DIRECTORY_AMBIGUOUS", CAS_SHARED);
    throw new AppError("ENT_UNKNOWN", CAS_UNKNOWN);
  }
  const proof = issueTicket({ userId: users[0].id, accountId, version: users[0].sessionVersion, stage: "password", via: "CAS" });
  return { proof, domain: fqdn, port };
}

/** The sign-in page takes up the proof: the console's own steps follow, as after a password. */
export async function resumeDirectorySignIn(proof: string | undefined, client: SignInClient) {
  const ticket = readTicket(proof ?? "");
  if (!ticket.via || ticket.stage !== "password") {
    throw new AppError("TICKET", "La connexion a expiré : saisissez à nouveau votre identifiant et votre mot de passe.");
  }
  const loaded = await loadUser(ticket);
  const domain = await db.domain.findFirst({ where: { controller: { accountId: ticket.accountId } }, select: { fqdn: true } });
  return { step: await afterPassword(loaded, client), controller: { domain: domain?.fqdn ?? "", port: loaded.controller.port } };
}

const MESSAGES: Record<string, string> = {
  PROOF_REFUSED,
  STATE: STATE_REFUSED,
  THROTTLED: "Trop de tentatives de connexion depuis votre adresse : réessayez dans une minute.",
  DIRECTORY_DOWN: CAS_DOWN,
  DIRECTORY_CERTIFICATE: CAS_CERTIFICATE,
  DIRECTORY_AMBIGUOUS: CAS_SHARED,
  ENT_UNKNOWN: CAS_UNKNOWN,
  NO_CAS,
  STOPPED: "Ce contrôleur n'est pas en service : réessayez plus tard.",
  NO_CONTROLLER: "Aucun contrôleur ne répond à ce nom de domaine.",
  TICKET: "La connexion a expiré : reconnectez-vous.",
};

/** The message of a code the return put in the address (only codes travel, never a text). */
export const casErrorMessage = (code: string | undefined) =>
  code ? (MESSAGES[code] ?? "La connexion par le serveur CAS a échoué : réessayez.") : undefined;
