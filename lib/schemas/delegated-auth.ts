import { z } from "zod";

const httpsUrl = (what: string) =>
  z
    .string()
    .trim()
    .max(500)
    .refine((s) => {
      try {
        return new URL(s).protocol === "https:";
      } catch {
        return false;
      }
    }, `${what} doit être une adresse https:// complète.`);

/** F5 "Déléguer l'authentification": one schema per protocol, checked before anything is stored. */
export const DELEGATED_AUTH = {
  ldap: z.object({
    enabled: z.boolean(),
    serverUrl: z
      .string()
      .trim()
      .regex(/^ldaps?:\/\/[a-z0-9.-]+(:\d{1,5})?\/?$/i, "L'adresse du serveur LDAP s'écrit ldap://serveur:389 ou ldaps://serveur:636."),
    baseDn: z.string().trim().min(1, "Le DN de base est obligatoire (par exemple dc=ecole,dc=fr).").max(300),
    bindDn: z.string().trim().max(300),
    userAttribute: z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9-]*$/, "Saisissez le nom d'un attribut LDAP (par exemple uid)."),
  }),
  cas: z.object({
    enabled: z.boolean(),
    serverUrl: httpsUrl("L'adresse du serveur CAS"),
    version: z.enum(["2.0", "3.0"], { error: "Choisissez la version 2.0 ou 3.0 du protocole CAS." }),
  }),
  wsfed: z.object({
    enabled: z.boolean(),
    metadataUrl: httpsUrl("L'adresse des métadonnées WS-Federation"),
    realm: z.string().trim().min(1, "Le domaine (realm) est obligatoire.").max(300),
  }),
  saml: z.object({
    enabled: z.boolean(),
    metadataUrl: httpsUrl("L'adresse des métadonnées du fournisseur d'identité (ENT)"),
    entityId: z.string().trim().min(1, "L'identifiant d'entité est obligatoire.").max(300),
    identifierAttribute: z.string().trim().min(1, "Saisissez l'attribut qui porte l'identifiant de l'utilisateur.").max(100),
  }),
} as const;

export type DelegatedProtocol = keyof typeof DELEGATED_AUTH;
export const DELEGATED_PROTOCOLS = Object.keys(DELEGATED_AUTH) as DelegatedProtocol[];

export const PROTOCOL_LABELS: Record<DelegatedProtocol, string> = {
  ldap: "LDAP",
  cas: "CAS",
  wsfed: "WS-Federation",
  saml: "SAML / ENT",
};

export const saveDelegatedAuthSchema = z.object({
  protocol: z.enum(["ldap", "cas", "wsfed", "saml"]),
  settings: z.record(z.string(), z.union([z.string(), z.boolean()])),
});
