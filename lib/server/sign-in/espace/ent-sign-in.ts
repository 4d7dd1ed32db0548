import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { consoleUrl } from "@/lib/server/app-url";
import { espacesAddress } from "@/lib/products";
import type { EntSettings } from "@/lib/schemas/ent";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { AuditAction } from "@/lib/server/audit/actions";
import { casLoginUrl, validateCasTicket, type CasIdentity, type CasServer } from "@/lib/server/directory/cas";
import { PROOF_REFUSED } from "@/lib/server/sign-in/directory/used-proofs";
import { STATE_REFUSED } from "@/lib/server/sign-in/directory/return-state";
import { serviceProvider } from "@/lib/server/sign-in/directory/saml-sign-in";
import { enabledEnt, signsInThroughEnt } from "@/lib/server/planning/ent-settings";
import { issueTicket, readTicket } from "@/lib/server/sign-in/ticket";
import { candidates, one } from "./ent-matching";
import { checkPassword, type Espace, type EspaceStep, espaceAt, firstStep, step } from "./espace-sign-in";

/** Where the ENT's CAS server sends the browser back: the console's own address, the planning named by its id. */
export const ENT_RETURN_PATH = "/api/espace/ent/retour";
export const ENT_PROOF_COOKIE = "ent-proof";

export const NO_ENT = "Cet Espace n'est pas intégré dans un ENT : connectez-vous avec votre identifiant et votre mot de passe.";
export const ENT_UNKNOWN =
  "L'ENT vous a authentifié, mais personne de cet Espace ne correspond à votre identité : prévenez votre établissement.";
export const ENT_AMBIGUOUS =
  "Votre identité ENT correspond à plusieurs personnes de cet Espace : la connexion est refusée et votre établissement en est averti.";

/** The return address: the Espace's planning, and the tag of the state of the browser that started (sign-in-state.ts). */
const serviceFor = (planningId: string, tag: string) =>
  `${consoleUrl()}${ENT_RETURN_PATH}?${new URLSearchParams({ espace: planningId, etat: tag })}`;
/** A SAML ENT's requests: this Espace's, for this browser's sign-in. */
export const entSamlScope = (planningId: string, tag: string) => `planning:${planningId}:${tag}`;
const casServerOf = (ent: EntSettings): CasServer => ({ serverUrl: ent.casUrl, version: ent.version, caCertificate: ent.caCertificate });

export function entOf(espace: Espace) {
  const ent = enabledEnt(espace.planning.entSettings);
  if (!ent) throw new AppError("NO_CAS", NO_ENT);
  return ent;
}

/** "Se connecter avec l'ENT" at an Espace's address: the ENT's CAS login page, for this browser's sign-in (`tag`). */
export async function entSignInUrl(address: string, tag: string, beforeRequest?: () => Promise<void>) {
  const espace = await espaceAt(address);
  const ent = entOf(espace);
  // A SAML ENT: a request of this Espace's own (written: counted first), RelayState naming the Espace only.
  if (ent.family === "SAML" && ent.idp) {
    await beforeRequest?.();
    return serviceProvider(entSamlScope(espace.planning.id, tag), ent.idp).getAuthorizeUrlAsync(
      `espace:${espace.planning.id}`,
      undefined,
      {},
    );
  }
  return casLoginUrl(casServerOf(ent), serviceFor(espace.planning.id, tag));
}

/** The Espace a return names by its planning, resolved again by its address (published, running). */
export async function espaceOfPlanning(planningId: string) {
  const planning = await db.planning.findUnique({
    where: { id: planningId.slice(0, 64) },
    include: { domain: true, account: { select: { product: true, rne: true } } },
  });
  const address =
    planning && (planning.publicUrl ?? espacesAddress(planning.account.product, planning.domain?.fqdn ?? null, planning.account.rne));
  if (!address) throw new AppError("ESPACE", "Cette adresse n'est pas celle d'un Espace publié par cet hébergement.");
  return { espace: await espaceAt(address), address };
}

/**
 * Back from the ENT's CAS server: the ticket validated by the console, then the person of the
 * Espace the identity is — already matched (his `casId`), or matched now by the planning's way:
 * identity and category, an attribute carrying the login, or "link" (he gives his login and
 * password once). An identity two persons could be is refused, and journaled for the administrator.
 */
export async function finishEntSignIn(planningId: string, ticket: string, client: { ip: string }, tag: string) {
  const { espace, address } = await espaceOfPlanning(planningId);
  const ent = entOf(espace);
  if (ent.family === "SAML") throw new AppError("PROOF_REFUSED", PROOF_REFUSED);
  const identity = await validateCasTicket(casServerOf(ent), serviceFor(espace.planning.id, tag), ticket);
  return signInEntIdentity(espace, ent, identity, address, client, "CAS");
}

/** The person an ENT identity (proved by CAS or SAML) is, by the planning's way of matching; the proof for the page. */
export async function signInEntIdentity(
  espace: Espace,
  ent: EntSettings,
  identity: CasIdentity,
  address: string,
  client: { ip: string },
  via: "CAS" | "SAML",
) {
  if (!identity.user) throw new AppError("ENT_UNKNOWN", ENT_UNKNOWN);
  const accountId = espace.planning.accountId;
  const actor = identity.user.slice(0, 100);
  const journal = (action: AuditAction, detail: string) => recordAuditEvent({ accountId, actor, action, detail, ip: client.ip });
  const byIdentity = () =>
    db.espacePerson.findMany({ where: { accountId, planningId: espace.planning.id, leftAt: null, casId: identity.user }, take: 2 });
  const known = await byIdentity();
  // One identity, one person: the claim below is conditional, so two never share one.
  let person: (typeof known)[number] | undefined = known.length === 1 ? known[0] : undefined;
  if (!person && ent.matching === "FIRST_SIGNIN") return linkStep(espace, identity, accountId, address);
  if (!person) {
    const { strong, weak } = await candidates(espace, ent, identity);
    const found = strong.filter((p) => signsInThroughEnt(ent, p));
    // Only a proposal: he confirms with his letter's login and password, as at a first sign-in.
    if (found.length === 0 && weak.some((p) => signsInThroughEnt(ent, p))) return linkStep(espace, identity, accountId, address);
    if (found.length > 1) {
      await journal("espace.ent.ambiguous", `${found.map((p) => `${p.lastName} ${p.firstName} (${p.loginId})`).join(", ")}`.slice(0, 500));
      throw new AppError("ENT_AMBIGUOUS", ENT_AMBIGUOUS);
    }
    person = found[0];
    // Conditional: an identity is claimed once, by one person.
    if (person && (await db.espacePerson.updateMany({ where: { id: person.id, casId: "" }, data: { casId: identity.user } })).count === 0) {
      person = undefined;
    }
    if (person) await journal("espace.ent.link", `${person.lastName} ${person.firstName} (${person.loginId})`);
    // Claimed meanwhile by a sign-in of the same identity (two tabs, a double click): his.
    else {
      const claimed = await byIdentity();
      if (claimed.length === 1) person = claimed[0];
    }
  }
  if (!person || !signsInThroughEnt(ent, person)) {
    await journal("espace.signin.ent.failure", person ? "connexion directe" : "identité inconnue");
    throw new AppError("ENT_UNKNOWN", ENT_UNKNOWN);
  }
  await journal("espace.signin.ent", `${person.lastName} ${person.firstName}`);
  return { proof: issueTicket({ userId: `person:${person.id}`, accountId, version: 0, stage: "done", via }), address };
}

/**
 * "Première connexion par l'ENT": the identity becomes a person's once he gives his letter's login
 * and password and confirms; the page names the identity he links to (`label`).
 */
function linkStep(espace: Espace, identity: CasIdentity, accountId: string, address: string) {
  const names = [one(identity.attributes.prenom), one(identity.attributes.nom)].filter(Boolean).join(" ");
  const label = (names ? `${names} (${identity.user})` : identity.user).slice(0, 200);
  const link = issueTicket({ userId: `ent-link:${espace.planning.id}:${identity.user}`, accountId, version: 0, stage: "password", label });
  return { proof: link, address };
}

/** The Espace's page takes up the proof its return left: the person signed in, or the link step. */
export async function resumeEntSignIn(proof: string | undefined): Promise<EspaceStep> {
  const ticket = readTicket(proof ?? "");
  const link = /^ent-link:([^:]+):(.+)$/.exec(ticket.userId);
  const personId = /^person:(.+)$/.exec(ticket.userId)?.[1];
  if (link && ticket.stage === "password") {
    const { espace } = await espaceOfPlanning(link[1]);
    return {
      next: "link",
      ticket: proof!,
      displayName: "",
      espaceName: "",
      passwordMinLength: espace.passwordMinLength,
      entIdentity: ticket.label ?? link[2],
    };
  }
  const person =
    personId && ticket.via
      ? await db.espacePerson.findFirst({
          where: { id: personId, accountId: ticket.accountId, leftAt: null },
          omit: { passwordHash: false, provisionalPasswordEnc: false },
        })
      : null;
  if (!person?.planningId) throw new AppError("TICKET", "La connexion a expiré : reconnectez-vous.");
  const { espace } = await espaceOfPlanning(person.planningId);
  // Signed in by the ENT: no password of the console's to personalize.
  return { ...step(person, espace), next: "done", ticket: "" };
}

/**
 * "À la première connexion": the identity the ENT proved becomes the person's whose login and
 * password are given now — checked, counted and journaled as any password sign-in.
 */
export async function linkEntIdentity(
  input: { ticket: string; loginId: string; password: string; confirmed: boolean },
  client: { ip: string },
) {
  const ticket = readTicket(input.ticket);
  const link = /^ent-link:([^:]+):(.+)$/.exec(ticket.userId);
  if (!link || ticket.stage !== "password") throw new AppError("TICKET", "La connexion a expiré : reconnectez-vous.");
  if (!input.confirmed) {
    throw new AppError("INVALID", "Cochez la case pour confirmer que cette identité ENT est la vôtre.", "confirmed");
  }
  const { address } = await espaceOfPlanning(link[1]);
  const signedIn = await firstStep({ url: address, loginId: input.loginId }, client, "password", (person) =>
    checkPassword(person, input.password),
  );
  const { person, espace } = signedIn;
  if (!signsInThroughEnt(entOf(espace), person))
    throw new AppError("ENT_DIRECT", "Vous vous connectez avec votre identifiant et votre mot de passe, pas par l'ENT.");
  const claimed = await db.espacePerson.updateMany({ where: { id: person.id, casId: "" }, data: { casId: link[2] } });
  if (claimed.count === 0)
    throw new AppError("ENT_AMBIGUOUS", "Cette personne est déjà associée à une autre identité ENT : prévenez votre établissement.");
  await recordAuditEvent({
    accountId: person.accountId,
    actor: link[2].slice(0, 100),
    action: "espace.ent.link",
    detail: `${person.lastName} ${person.firstName} (${person.loginId})`,
    ip: client.ip,
  });
  return { ...step(person, espace), next: "done" as const, ticket: "" };
}

/** Whether the Espace at `address` offers "Se connecter avec l'ENT" (what is public: the button is). */
export async function espaceHasEnt(address: string): Promise<boolean> {
  if (!address) return false;
  try {
    return enabledEnt((await espaceAt(address)).planning.entSettings) !== null;
  } catch {
    return false;
  }
}

const MESSAGES: Record<string, string> = {
  PROOF_REFUSED,
  STATE: STATE_REFUSED,
  THROTTLED: "Trop de tentatives de connexion depuis votre adresse : réessayez dans une minute.",
  DIRECTORY_DOWN: "Le serveur CAS de l'ENT ne répond pas : réessayez dans un instant.",
  DIRECTORY_CERTIFICATE:
    "Le certificat du serveur CAS de l'ENT n'est pas celui attendu : la connexion est refusée. Prévenez votre établissement.",
  ENT_UNKNOWN,
  ENT_AMBIGUOUS,
  NO_CAS: NO_ENT,
  ESPACE: "Cette adresse n'est pas celle d'un Espace publié par cet hébergement.",
  ESPACE_CLOSED:
    "Cet Espace n'est pas ouvert pour le moment (planning arrêté ou non publié) : réessayez plus tard, ou prévenez votre établissement.",
  TICKET: "La connexion a expiré : reconnectez-vous.",
};

/** The message of a code the return put in the address (only codes travel, never a text). */
export const entErrorMessage = (code: string | undefined) =>
  code ? (MESSAGES[code] ?? "La connexion par l'ENT a échoué : réessayez.") : undefined;
