import { z } from "zod";
import { POPULATIONS } from "@/lib/letters/original-models";
import { attributeName, httpsUrl, pemCertificate } from "@/lib/schemas/delegated-auth";
import { planningIdSchema } from "@/lib/schemas/configuration";

/**
 * PRONOTE.net > "Intégration dans un ENT": how a person's ENT identity is matched to him
 * ("Paramètres d'identification des utilisateurs").
 */
export const ENT_MATCHINGS = {
  IDENTITY: "Par l'identité (nom, prénom, date de naissance et catégorie envoyés par le serveur CAS)",
  ATTRIBUTE: "Par un attribut CAS (ou SAML) qui porte l'identifiant de connexion",
  FIRST_SIGNIN: "À la première connexion, l'utilisateur saisit une fois son identifiant et son mot de passe",
} as const;
export type EntMatching = keyof typeof ENT_MATCHINGS;

/**
 * "Mon ENT": the families whose parameters are filled in when chosen. ODE/Edifice's CAS releases
 * nom, prenom, dateNaissance and categories to PRONOTE (../shared/reference): matched by identity.
 * The others' defaults are the protocol's usual ones; every field stays editable.
 */
export const ENT_FAMILIES = {
  ODE: { label: "ENT ODE / Edifice (NEO, ONE, Monlycée.net…)", version: "2.0", matching: "IDENTITY", loginAttribute: "", casPath: "/cas" },
  SKOLENGO: { label: "ENT Kosmos / Skolengo", version: "3.0", matching: "IDENTITY", loginAttribute: "", casPath: "/cas" },
  CAS: { label: "Autre ENT (serveur CAS)", version: "3.0", matching: "FIRST_SIGNIN", loginAttribute: "", casPath: "" },
  SAML: { label: "Autre ENT (fournisseur d'identité SAML 2.0)", version: "3.0", matching: "FIRST_SIGNIN", loginAttribute: "", casPath: "" },
} as const satisfies Record<
  string,
  { label: string; version: "2.0" | "3.0"; matching: EntMatching; loginAttribute: string; casPath: string }
>;
export type EntFamily = keyof typeof ENT_FAMILIES;

const casUrl = httpsUrl("L'URL du serveur CAS");

export const entSettingsSchema = z
  .object({
    planningId: planningIdSchema,
    enabled: z.boolean(),
    family: z.enum(Object.keys(ENT_FAMILIES) as [EntFamily, ...EntFamily[]], { error: "Choisissez votre ENT dans la liste." }),
    /** A CAS family's server; "" for SAML. */
    casUrl: z.string().trim().max(500).default(""),
    /** SAML: the IdP's metadata, pasted as XML or its https:// address; "" for CAS. */
    metadata: z.string().trim().max(200_000, "Les métadonnées ne peuvent pas dépasser 200 000 caractères.").default(""),
    /** SAML: the attribute that names the ENT identity; empty: the NameID. */
    identifierAttribute: attributeName,
    version: z.enum(["2.0", "3.0"], { error: "Choisissez la version 2.0 ou 3.0 du protocole CAS." }),
    caCertificate: pemCertificate,
    matching: z.enum(Object.keys(ENT_MATCHINGS) as [EntMatching, ...EntMatching[]], {
      error: "Choisissez comment identifier les utilisateurs.",
    }),
    loginAttribute: attributeName,
    /** The Espaces whose people sign in through the ENT. */
    populations: z
      .array(z.enum(POPULATIONS.map((p) => p.id) as [string, ...string[]]))
      .max(4)
      .min(1, "Cochez au moins un Espace connecté par l'ENT."),
  })
  .refine((s) => s.family === "SAML" || casUrl.safeParse(s.casUrl).success, {
    message: "L'URL du serveur CAS doit être une adresse https:// complète (par exemple https://ent.region.fr/cas).",
    path: ["casUrl"],
  })
  .refine((s) => s.family !== "SAML" || s.metadata !== "", {
    message: "Collez les métadonnées du fournisseur d'identité de l'ENT, ou leur adresse https://.",
    path: ["metadata"],
  })
  .refine((s) => s.matching !== "ATTRIBUTE" || s.loginAttribute !== "", {
    message: "Saisissez le nom de l'attribut CAS qui porte l'identifiant de connexion.",
    path: ["loginAttribute"],
  });

/** What a planning keeps: the settings, and for SAML the IdP its metadata describe (read at save). */
export type EntSettings = Omit<z.output<typeof entSettingsSchema>, "planningId"> & {
  idp?: { entityId: string; ssoUrl: string; certificates: string[] };
};
