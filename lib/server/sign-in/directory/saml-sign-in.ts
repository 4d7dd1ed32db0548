import "server-only";
import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from "@node-saml/node-saml";
import { parseXmlDocument } from "@/lib/server/directory/xml";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { consoleUrl } from "@/lib/server/app-url";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { PROOF_REFUSED } from "@/lib/server/sign-in/directory/used-proofs";
import { CAS_SHARED, CAS_UNKNOWN } from "@/lib/server/sign-in/directory/cas-sign-in";
import type { IdpMetadata } from "@/lib/server/directory/saml-metadata";
import { runningController } from "@/lib/server/sign-in/controller/first-step";
import { issueTicket } from "@/lib/server/sign-in/ticket";

type SamlSettings = { enabled?: boolean; idp?: IdpMetadata; identifierAttribute?: string };

/** The console as one service provider: its entity ID (where its metadata is) and its ACS. */
export const spEntityId = () => `${consoleUrl()}/api/connexion/saml/metadata`;
export const SAML_RETURN_PATH = "/api/connexion/saml/retour";
/** An authentication request is answered within this, or not at all. */
const REQUEST_LIFETIME_MS = 10 * 60 * 1000;

const ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";

export const NO_SAML = "La connexion par SAML n'est pas activée sur ce contrôleur.";

/**
 * node-saml's request cache, in the database and per account: a response is taken only
 * InResponseTo a request this account's sign-in sent, from any instance, and once — the first
 * read consumes the row (a conditional delete), so that of 50 posts of one response one goes on.
 */
function requestCache(scope: string): CacheProvider {
  const consumed = new Map<string, string>();
  const key = (id: string) => `${scope}:${id}`;
  return {
    async saveAsync(id, value) {
      await db.samlRequest.create({ data: { key: key(id), value, expiresAt: new Date(Date.now() + REQUEST_LIFETIME_MS) } });
      return { value, createdAt: Date.now() };
    },
    async getAsync(id) {
      if (consumed.has(id)) return consumed.get(id)!;
      const row = await db.samlRequest.findUnique({ where: { key: key(id) } });
      if (!row || row.expiresAt < new Date()) return null;
      const taken = await db.samlRequest.deleteMany({ where: { key: key(id) } });
      if (taken.count !== 1) return null;
      consumed.set(id, row.value);
      return row.value;
    },
    async removeAsync(id) {
      if (id) await db.samlRequest.deleteMany({ where: { key: key(id) } });
      return id;
    },
  };
}

/**
 * The service provider for one IdP: signed responses and assertions, audience, InResponseTo,
 * validity. `scope` (a controller's account, an Espace's planning) is whose requests a response
 * may answer.
 */
export function serviceProvider(scope: string, idp: IdpMetadata) {
  return new SAML({
    issuer: spEntityId(),
    audience: spEntityId(),
    callbackUrl: `${consoleUrl()}${SAML_RETURN_PATH}`,
    entryPoint: idp.ssoUrl,
    idpIssuer: idp.entityId,
    idpCert: idp.certificates,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_LIFETIME_MS,
    cacheProvider: requestCache(scope),
    acceptedClockSkewMs: 30_000,
    identifierFormat: null,
    disableRequestedAuthnContext: true,
  });
}

async function samlOf(domain: string) {
  const controller = await runningController(domain);
  const { samlSettings } = await db.controller.findUniqueOrThrow({
    where: { accountId: controller.accountId },
    select: { samlSettings: true },
  });
  const settings = samlSettings ? (JSON.parse(samlSettings) as SamlSettings) : null;
  if (!settings?.enabled || !settings.idp) throw new AppError("NO_CAS", NO_SAML);
  return { ...controller, settings, idp: settings.idp };
}

/**
 * "Se connecter par l'ENT (SAML)": the IdP's SSO address with a request of this controller, kept
 * under the tag of this browser's state: a response is taken only from the browser that asked.
 * RelayState names the controller only.
 */
export async function samlSignInUrl(domain: string, tag: string): Promise<string> {
  const { accountId, fqdn, idp } = await samlOf(domain);
  return serviceProvider(`${accountId}:${tag}`, idp).getAuthorizeUrlAsync(fqdn, undefined, {});
}

/**
 * The IdP's response, posted back: checked by node-saml against the controller's IdP (its
 * certificates from the metadata, the audience, the recipient, the validity window, InResponseTo
 * one of this controller's requests), then the user whose "Identifiant CAS" — his ENT identity —
 * it names. RelayState only says which controller's IdP to check against: nothing is redirected to it.
 */
export async function finishSamlSignIn(relayState: string, samlResponse: string, client: { ip: string }, tag: string) {
  const { accountId, fqdn, port, settings, idp } = await samlOf(relayState);
  const profile = await validatedProfile(`${accountId}:${tag}`, idp, samlResponse);
  const identity = samlIdentity(profile, settings.identifierAttribute).user;
  const users = identity
    ? await db.controllerUser.findMany({
        where: { accountId, casId: identity, disabled: false },
        select: { id: true, sessionVersion: true },
        take: 2,
      })
    : [];
  if (users.length !== 1) {
    const detail = `fournisseur d'identité SAML : ${users.length > 1 ? "identifiant partagé" : "identifiant inconnu"} (${identity.slice(0, 100)})`;
    await recordAuditEvent({ accountId, actor: identity.slice(0, 100) || "saml", action: "user.signin.failure", detail, ip: client.ip });
    throw users.length > 1 ? new AppError("DIRECTORY_AMBIGUOUS", CAS_SHARED) : new AppError("ENT_UNKNOWN", CAS_UNKNOWN);
  }
  const proof = issueTicket({ userId: users[0].id, accountId, version: users[0].sessionVersion, stage: "password", via: "SAML" });
  return { proof, domain: fqdn, port };
}

/** A response checked for `scope`'s requests by node-saml, then sent to this console: its profile, or PROOF_REFUSED. */
export async function validatedProfile(scope: string, idp: IdpMetadata, samlResponse: string): Promise<Profile> {
  let profile: Profile | null;
  try {
    ({ profile } = await serviceProvider(scope, idp).validatePostResponseAsync({ SAMLResponse: samlResponse }));
  } catch (error) {
    console.warn("saml: response refused", (error as Error)?.message);
    throw new AppError("PROOF_REFUSED", PROOF_REFUSED);
  }
  if (!profile || !sentToUs(profile)) throw new AppError("PROOF_REFUSED", PROOF_REFUSED);
  return profile;
}

/** Who the assertion names (the attribute's one value, or the NameID) and its attributes, as lists of values. */
export function samlIdentity(profile: Profile, attribute: string | undefined) {
  const attributes: Record<string, string[]> = {};
  for (const [name, value] of Object.entries((profile.attributes ?? {}) as Record<string, unknown>)) {
    attributes[name] = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === "string").map((v) => v.trim());
  }
  const named = attribute ? attributes[attribute] : [profile.nameID ?? ""];
  return { user: named?.length === 1 ? named[0] : "", attributes };
}

/**
 * node-saml checks the signatures, audience, validity and InResponseTo, not where the response was
 * meant to go: the (signed) Response's Destination and the bearer confirmation's Recipient must
 * be this console's ACS, so that a response an IdP made for another service is not taken here.
 */
function sentToUs(profile: Profile): boolean {
  const acs = `${consoleUrl()}${SAML_RETURN_PATH}`;
  const response = parseXmlDocument(profile.getSamlResponseXml?.() ?? "")?.documentElement;
  const assertion = parseXmlDocument(profile.getAssertionXml?.() ?? "")?.documentElement;
  const destination = response?.getAttribute("Destination");
  const recipients = Array.from(assertion?.getElementsByTagNameNS(ASSERTION_NS, "SubjectConfirmationData") ?? []).map((d) =>
    d.getAttribute("Recipient"),
  );
  return (!destination || destination === acs) && recipients.length > 0 && recipients.every((r) => r === acs);
}

/** The console's SP metadata, for the ENT's administrator to register it. */
export function spMetadata(): string {
  return new SAML({
    issuer: spEntityId(),
    callbackUrl: `${consoleUrl()}${SAML_RETURN_PATH}`,
    idpCert: "unused",
  }).generateServiceProviderMetadata(null);
}
