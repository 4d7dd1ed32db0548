import "server-only";
import { AppError } from "@/lib/server/errors";
import { certificateError } from "@/lib/server/directory/ldap";
import { httpsGet } from "@/lib/server/directory/https-get";
import { PROOF_REFUSED, reserveProof } from "@/lib/server/sign-in/directory/used-proofs";
import { parseXmlDocument } from "@/lib/server/directory/xml";

/** A CAS server as the console's settings give it: F5's "Déléguer l'authentification" or an Espace's ENT. */
export type CasServer = { serverUrl: string; version: "2.0" | "3.0"; caCertificate?: string };
export type CasIdentity = { user: string; attributes: Record<string, string[]> };

const CAS_NS = "http://www.yale.edu/tp/cas";
/** A service ticket lives seconds at the CAS server (10 s to 5 min): once seen, it is refused for this long. */
const TICKET_KEPT_MS = 24 * 3600 * 1000;

export const CAS_DOWN =
  "Le serveur CAS ne répond pas : réessayez dans un instant. Le compte de secours peut se connecter avec son mot de passe local.";
export const CAS_CERTIFICATE =
  "Le certificat du serveur CAS n'est pas celui attendu : la connexion est refusée. Prévenez l'administrateur de la console.";

const base = (server: CasServer) => server.serverUrl.replace(/\/+$/, "");

/** Where the browser is sent to sign in: the CAS server's login page, told which service asks. */
export function casLoginUrl(server: CasServer, service: string): string {
  return `${base(server)}/login?${new URLSearchParams({ service })}`;
}

/**
 * The ticket the browser came back with, validated by the console itself (never trusted from the
 * browser): `serviceValidate` (CAS 2.0) or `p3/serviceValidate` (3.0, with the attributes), for
 * the exact `service` the ticket was asked for — a ticket issued to another service is refused
 * by the server. The ticket is reserved before it is sent, so that a replay is refused here
 * even by a server that would accept it twice. The answer is read by an XML parser.
 */
export async function validateCasTicket(server: CasServer, service: string, ticket: string): Promise<CasIdentity> {
  if (!/^ST-[\x21-\x7e]{1,500}$/.test(ticket)) throw new AppError("PROOF_REFUSED", PROOF_REFUSED);
  await reserveProof("cas", ticket, TICKET_KEPT_MS);
  const path = server.version === "3.0" ? "p3/serviceValidate" : "serviceValidate";
  let answer: { status: number; body: string };
  try {
    answer = await httpsGet(`${base(server)}/${path}?${new URLSearchParams({ service, ticket })}`, server.caCertificate);
  } catch (error) {
    if (certificateError(error)) throw new AppError("DIRECTORY_CERTIFICATE", CAS_CERTIFICATE);
    console.error("cas: server unreachable", server.serverUrl, (error as Error)?.message);
    throw new AppError("DIRECTORY_DOWN", CAS_DOWN);
  }
  if (answer.status >= 500) throw new AppError("DIRECTORY_DOWN", CAS_DOWN);
  const identity = readServiceResponse(answer.body);
  if (!identity) throw new AppError("PROOF_REFUSED", PROOF_REFUSED);
  return identity;
}

/** `<cas:serviceResponse>`: the user and attributes of an authenticationSuccess, null for anything else. */
export function readServiceResponse(xml: string): CasIdentity | null {
  const doc = parseXmlDocument(xml);
  const root = doc?.documentElement;
  if (!root || root.namespaceURI !== CAS_NS || root.localName !== "serviceResponse") return null;
  const successes = root.getElementsByTagNameNS(CAS_NS, "authenticationSuccess");
  if (successes.length !== 1 || root.getElementsByTagNameNS(CAS_NS, "authenticationFailure").length > 0) return null;
  const success = successes[0];
  const users = success.getElementsByTagNameNS(CAS_NS, "user");
  const user = users.length === 1 ? (users[0].textContent ?? "").trim() : "";
  if (!user) return null;
  const attributes: Record<string, string[]> = {};
  const blocks = success.getElementsByTagNameNS(CAS_NS, "attributes");
  for (let b = 0; b < blocks.length; b++) {
    for (let node = blocks[b].firstChild; node; node = node.nextSibling) {
      if (node.nodeType !== 1) continue;
      const name = (node as Element).localName;
      attributes[name] = [...(attributes[name] ?? []), (node.textContent ?? "").trim()];
    }
  }
  return { user, attributes };
}
