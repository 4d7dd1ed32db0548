import { z } from "zod";

/** A full https:// address; `what` names it in the message. */
export const httpsUrl = (what: string) =>
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

/** A CA's certificate (PEM) the server's is checked against; empty: the system's CAs. */
export const pemCertificate = z
  .string()
  .trim()
  .max(20_000)
  .refine(
    (pem) => pem === "" || /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(pem),
    "Collez le certificat de l'autorité au format PEM (-----BEGIN CERTIFICATE----- …).",
  )
  .default("");

/** An attribute's name as a CAS server or an IdP releases it; empty where the user's own name serves. */
export const attributeName = z
  .string()
  .trim()
  .max(100)
  .regex(/^([A-Za-z_][A-Za-z0-9_.:-]*)?$/, "Saisissez le nom d'un attribut (lettres, chiffres, « _ », « - », « . », « : »).")
  .default("");

/** F5 "Déléguer l'authentification": one schema per protocol, checked before anything is stored. */
export const DELEGATED_AUTH = {
  ldap: z
    .object({
      enabled: z.boolean(),
      serverUrl: z
        .string()
        .trim()
        .regex(
          /^ldaps?:\/\/[a-z0-9.-]+(:\d{1,5})?\/?$/i,
          "L'adresse du serveur LDAP s'écrit ldaps://serveur:636 (LDAPS) ou ldap://serveur:389 (StartTLS).",
        ),
      /** The server's certificate is checked against this CA (PEM); empty: the system's CAs. */
      caCertificate: pemCertificate,
      baseDn: z.string().trim().min(1, "Le DN de base est obligatoire (par exemple dc=ecole,dc=fr).").max(300),
      /** Direct bind: the user's DN, {identifiant} standing for his "Identifiant LDAP". Empty: search then bind. */
      dnTemplate: z
        .string()
        .trim()
        .max(300)
        .refine(
          (t) => t === "" || t.includes("{identifiant}"),
          "Le modèle de DN doit contenir {identifiant}, par exemple uid={identifiant},ou=people,dc=ecole,dc=fr.",
        )
        .default(""),
      bindDn: z.string().trim().max(300),
      /** Typed to change it; empty keeps the one stored (never shown again). */
      bindPassword: z.string().max(200).default(""),
      userAttribute: z
        .string()
        .trim()
        .regex(/^[A-Za-z][A-Za-z0-9-]*$/, "Saisissez le nom d'un attribut LDAP (par exemple uid)."),
    })
    .refine((s) => !s.enabled || s.dnTemplate !== "" || s.bindDn !== "", {
      message: "Saisissez un modèle de DN, ou le DN du compte de liaison qui recherchera les utilisateurs.",
      path: ["dnTemplate"],
    }),
  cas: z.object({
    enabled: z.boolean(),
    serverUrl: httpsUrl("L'adresse du serveur CAS"),
    version: z.enum(["2.0", "3.0"], { error: "Choisissez la version 2.0 ou 3.0 du protocole CAS." }),
    caCertificate: pemCertificate,
    /** The attribute (CAS 3.0) that carries the "Identifiant CAS"; empty: the CAS user's name. */
    userAttribute: attributeName,
  }),
  wsfed: z.object({
    enabled: z.boolean(),
    metadataUrl: httpsUrl("L'adresse des métadonnées WS-Federation"),
    realm: z.string().trim().min(1, "Le domaine (realm) est obligatoire.").max(300),
  }),
  saml: z.object({
    enabled: z.boolean(),
    /** The IdP's metadata: pasted as XML, or the https:// address it is published at. */
    metadata: z
      .string()
      .trim()
      .max(200_000, "Les métadonnées ne peuvent pas dépasser 200 000 caractères.")
      .refine(
        (m) => m === "" || m.startsWith("<") || /^https:\/\/\S+$/.test(m),
        "Collez le XML des métadonnées, ou leur adresse https://.",
      ),
    /** The attribute that carries the user's ENT identity (his "Identifiant CAS"); empty: the NameID. */
    identifierAttribute: attributeName,
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
