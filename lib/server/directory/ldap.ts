import "server-only";
import net, { isIP } from "node:net";
import type { ConnectionOptions } from "node:tls";
import { Client, EqualityFilter, InvalidCredentialsError } from "ldapts";
import { AppError } from "@/lib/server/errors";
import { decryptProvisional } from "@/lib/server/security/provisional";
import { guardedConnection, isOutboundRefused } from "@/lib/server/directory/outbound";

/** F5 "Déléguer l'authentification > LDAP" as stored (the service account's password sealed). */
export type LdapSettings = {
  enabled: boolean;
  serverUrl: string;
  caCertificate?: string;
  baseDn: string;
  dnTemplate?: string;
  bindDn: string;
  bindPasswordEnc?: string;
  userAttribute: string;
};

/** Past this (LDAP_TIMEOUT_MS, 5 s), the directory is taken as unreachable: the user is told, the emergency account still signs in. */
const timeoutMs = () => Number(process.env.LDAP_TIMEOUT_MS || 5000);

export const DIRECTORY_DOWN =
  "L'annuaire LDAP ne répond pas : réessayez dans un instant. Le compte de secours peut se connecter avec son mot de passe local.";
export const DIRECTORY_CERTIFICATE =
  "Le certificat de l'annuaire LDAP n'est pas celui attendu : la connexion est refusée. Prévenez l'administrateur de la console.";
export const DIRECTORY_AMBIGUOUS =
  "Plusieurs entrées de l'annuaire portent cet identifiant : la connexion est refusée. Prévenez l'administrateur de la console.";

/** RFC 4514: a value placed in a DN, its special characters escaped ("Dupont, Jean" stays one value). */
export function escapeDnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=\u0000]/g, (c) => (c === "\u0000" ? "\\00" : `\\${c}`))
    .replace(/^([ #])/, "\\$1")
    .replace(/ $/, "\\ ");
}

function tlsOptions(settings: LdapSettings): ConnectionOptions {
  const host = new URL(settings.serverUrl).hostname;
  return {
    ...(settings.caCertificate ? { ca: [settings.caCertificate] } : {}),
    // The certificate is checked against the host typed in the settings, an address or a name.
    ...(isIP(host) ? { host } : { servername: host, host }),
    rejectUnauthorized: true,
    minVersion: "TLSv1.2",
  };
}

export function certificateError(error: unknown) {
  const code = (error as { code?: string })?.code ?? "";
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME|IP_ADDRESS/.test(code);
}

/**
 * Whether the directory takes `password` for the user whose "Identifiant LDAP" is `ldapId`: a bind
 * as his DN — made from the template, or found by the service account (search then bind) with the
 * identifier as an escaped equality filter, so that `*)(uid=*` matches nobody. Always over TLS:
 * LDAPS, or StartTLS on ldap://, the server's certificate checked. An empty password is refused
 * before anything is sent (an LDAP bind without one "succeeds" anonymously). Throws, in French, when
 * the directory is unreachable, presents another certificate, or names two entries.
 */
export async function ldapAccepts(settings: LdapSettings, ldapId: string, password: string): Promise<boolean> {
  if (password === "" || ldapId.trim() === "") return false;
  const tls = tlsOptions(settings);
  const ldaps = settings.serverUrl.toLowerCase().startsWith("ldaps:");
  const url = new URL(settings.serverUrl);
  let guard: ReturnType<typeof guardedConnection>;
  try {
    // Never this machine nor a private network, unless the provider listed the host (outbound.ts).
    guard = guardedConnection(url.hostname, Number(url.port || (ldaps ? 636 : 389)));
  } catch {
    console.error("ldap: directory address refused", settings.serverUrl);
    throw new AppError("DIRECTORY_DOWN", DIRECTORY_DOWN);
  }
  const client = new Client({
    url: settings.serverUrl,
    timeout: timeoutMs(),
    connectTimeout: timeoutMs(),
    ...(ldaps ? { tlsOptions: { ...tls, ...guard } } : {}),
    ...(!ldaps && guard.lookup
      ? { createConnection: ((port: number, host: string) => net.connect({ port, host, lookup: guard.lookup })) as typeof net.connect }
      : {}),
  });
  try {
    if (!ldaps) await client.startTLS(tls);
    let dn: string;
    if (settings.dnTemplate) dn = settings.dnTemplate.replaceAll("{identifiant}", escapeDnValue(ldapId));
    else {
      await client.bind(settings.bindDn, settings.bindPasswordEnc ? decryptProvisional(settings.bindPasswordEnc) : "");
      const { searchEntries } = await client.search(settings.baseDn, {
        scope: "sub",
        filter: new EqualityFilter({ attribute: settings.userAttribute, value: ldapId }),
        attributes: ["dn"],
        sizeLimit: 2,
      });
      if (searchEntries.length > 1) throw new AppError("DIRECTORY_AMBIGUOUS", DIRECTORY_AMBIGUOUS);
      if (searchEntries.length === 0) return false;
      dn = searchEntries[0].dn;
    }
    await client.bind(dn, password);
    return true;
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return false;
    if (error instanceof AppError) throw error;
    if ((error as { name?: string })?.name === "SizeLimitExceededError") throw new AppError("DIRECTORY_AMBIGUOUS", DIRECTORY_AMBIGUOUS);
    if (certificateError(error)) throw new AppError("DIRECTORY_CERTIFICATE", DIRECTORY_CERTIFICATE);
    if (isOutboundRefused(error)) console.error("ldap: directory address refused", settings.serverUrl);
    else console.error("ldap: directory unreachable", settings.serverUrl, (error as Error)?.message);
    throw new AppError("DIRECTORY_DOWN", DIRECTORY_DOWN);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** The controller's LDAP settings when LDAP is on, else null. */
export function enabledLdap(controller: { ldapSettings: string }): LdapSettings | null {
  if (!controller.ldapSettings) return null;
  const settings = JSON.parse(controller.ldapSettings) as LdapSettings;
  return settings.enabled ? settings : null;
}

/** The user signs in through the directory: LDAP is on and he has an "Identifiant LDAP". */
export const signsInThroughLdap = (controller: { ldapSettings: string }, user: { ldapId: string }) =>
  user.ldapId !== "" && enabledLdap(controller) !== null;
