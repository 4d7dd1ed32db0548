import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { DELEGATED_AUTH, PROTOCOL_LABELS, type DelegatedProtocol } from "@/lib/schemas/delegated-auth";
import type { Actor } from "@/lib/server/actor";
import { requireEmergencyAccount } from "@/lib/server/directory/emergency";
import { encryptProvisional } from "@/lib/server/security/provisional";
import { resolveIdpMetadata } from "@/lib/server/directory/saml-metadata";

const COLUMN = { ldap: "ldapSettings", cas: "casSettings", wsfed: "wsfedSettings", saml: "samlSettings" } as const;

/**
 * A stored secret goes only to the server it was typed for: when one of these settings changes,
 * the secret must be typed again — else a superadministrator could point the address at a host of
 * his own, with his own CA, and receive the service account's password at the next sign-in.
 */
const SECRET_BOUND_TO: Partial<Record<DelegatedProtocol, { secret: string; stored: string; settings: string[] }>> = {
  ldap: { secret: "bindPassword", stored: "bindPasswordEnc", settings: ["serverUrl", "caCertificate", "bindDn"] },
};

/** The settings' names as the journal line says what changed. */
const SETTING_LABELS: Record<string, string> = {
  enabled: "activation",
  serverUrl: "adresse du serveur",
  caCertificate: "certificat de l'autorité",
  baseDn: "DN de base",
  dnTemplate: "modèle de DN",
  bindDn: "DN du compte de liaison",
  bindPassword: "mot de passe du compte de liaison",
  userAttribute: "attribut de l'identifiant",
  version: "version",
  metadata: "métadonnées",
  metadataUrl: "adresse des métadonnées",
  realm: "domaine (realm)",
  identifierAttribute: "attribut de l'identifiant",
};

function changedSettings(data: Record<string, unknown>, before: Record<string, unknown>) {
  return Object.keys(data).filter((key) =>
    key === "bindPassword" ? data[key] !== "" : JSON.stringify(data[key] ?? "") !== JSON.stringify(before[key] ?? ""),
  );
}

/** F5 "Déléguer l'authentification": validated, then stored as one JSON document per protocol. */
export async function saveDelegatedAuth(ctx: Actor, protocol: DelegatedProtocol, raw: Record<string, unknown>) {
  const parsed = DELEGATED_AUTH[protocol].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID", issue.message, String(issue.path[0] ?? "form"));
  }
  // SAML: the IdP's metadata read (fetched once when an address is given) before anything is stored.
  const saml = protocol === "saml" ? (parsed.data as { enabled: boolean; metadata: string }) : null;
  if (saml?.enabled && !saml.metadata) throw new AppError("INVALID", "Collez les métadonnées du fournisseur d'identité.", "metadata");
  const idp = saml?.metadata ? await resolveIdpMetadata(saml.metadata) : undefined;
  await db.$transaction(async (tx) => {
    const controller = await tx.controller.findUnique({ where: { accountId: ctx.accountId } });
    if (!controller) throw notFound();
    const before = controller[COLUMN[protocol]] ? (JSON.parse(controller[COLUMN[protocol]]) as Record<string, unknown>) : {};
    const changed = changedSettings(parsed.data, before);
    requireSecretForNewServer(protocol, parsed.data, before, changed);
    await tx.controller.update({
      where: { id: controller.id },
      data: { [COLUMN[protocol]]: JSON.stringify({ ...stored(protocol, parsed.data, controller), ...(idp ? { idp } : {}) }) },
    });
    if (protocol === "ldap") await requireEmergencyAccount(tx, ctx.accountId, "enabled");
    await recordAuditEvent(
      {
        ...ctx,
        action: "controller.delegated-auth",
        detail: `${PROTOCOL_LABELS[protocol]} : ${parsed.data.enabled ? "activée" : "désactivée"}${
          changed.length ? ` (modifié : ${changed.map((key) => SETTING_LABELS[key] ?? key).join(", ")})` : ""
        }`.slice(0, 500),
      },
      tx,
    );
  });
  // The service password went in; it does not come back out.
  return { ...parsed.data, ...(protocol === "ldap" ? { bindPassword: "" } : {}) };
}

function requireSecretForNewServer(
  protocol: DelegatedProtocol,
  data: Record<string, unknown>,
  before: Record<string, unknown>,
  changed: string[],
) {
  const bound = SECRET_BOUND_TO[protocol];
  if (!bound || data[bound.secret] || !before[bound.stored]) return;
  const moved = bound.settings.filter((key) => changed.includes(key));
  if (moved.length === 0) return;
  throw new AppError(
    "INVALID",
    `Saisissez à nouveau le mot de passe du compte de liaison : ${moved.map((key) => SETTING_LABELS[key]).join(", ")} ${
      moved.length > 1 ? "ont" : "a"
    } changé, et le mot de passe enregistré n'est envoyé qu'au serveur pour lequel il a été saisi.`,
    bound.secret,
  );
}

/**
 * What is kept of the settings: LDAP's service password sealed (AES-256-GCM), the one stored kept
 * when none is typed — it is never sent back to a browser.
 */
function stored(protocol: DelegatedProtocol, data: Record<string, unknown>, controller: { ldapSettings: string }) {
  if (protocol !== "ldap") return data;
  const { bindPassword, ...rest } = data as { bindPassword?: string };
  const before = controller.ldapSettings ? (JSON.parse(controller.ldapSettings) as { bindPasswordEnc?: string }) : {};
  const bindPasswordEnc = bindPassword ? encryptProvisional(bindPassword) : before.bindPasswordEnc;
  const { enabled, dnTemplate } = rest as { enabled?: boolean; dnTemplate?: string };
  if (enabled && !dnTemplate && !bindPasswordEnc) {
    throw new AppError(
      "INVALID",
      "Saisissez le mot de passe du compte de liaison : il recherche les utilisateurs dans l'annuaire.",
      "bindPassword",
    );
  }
  return { ...rest, ...(bindPasswordEnc ? { bindPasswordEnc } : {}) };
}

export function readDelegatedAuth(controller: Record<(typeof COLUMN)[DelegatedProtocol], string>) {
  const out = {} as Record<DelegatedProtocol, Record<string, string | boolean> | null>;
  for (const [protocol, column] of Object.entries(COLUMN) as [DelegatedProtocol, (typeof COLUMN)[DelegatedProtocol]][]) {
    const { bindPasswordEnc, idp, ...shown } = controller[column] ? JSON.parse(controller[column]) : {};
    out[protocol] = controller[column]
      ? { ...shown, ...(bindPasswordEnc ? { bindPasswordStored: true } : {}), ...(idp ? { idpEntityId: idp.entityId } : {}) }
      : null;
  }
  return out;
}
