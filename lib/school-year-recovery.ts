/**
 * Seed 004's "Cochez toutes les données à récupérer", in the words of the guide for what the console
 * holds; the form, the action and the report read them here.
 */
export const RECOVERY_ITEMS = {
  people: "Élèves, responsables, professeurs et personnels (identifiants SIECLE et STSWEB)",
  credentials: "Identifiants et mots de passe",
  emails: "E-mails",
  authorizations: "Autorisations",
  models: "Lettres, SMS, e-mails types",
} as const;

export type RecoveryItem = keyof typeof RECOVERY_ITEMS;
export const RECOVERY_ITEM_KEYS = Object.keys(RECOVERY_ITEMS) as RecoveryItem[];
