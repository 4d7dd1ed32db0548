import type { ConsoleOverview } from "@/lib/server/hosting-account/get-console-overview";

/** X1: the Fiches of the guide, in order, and which of them are done. */
export const FICHES = [
  "Réception des informations hébergement",
  "Connexion à la console d'hébergement",
  "Configuration des plannings",
  "Création du premier superadministrateur",
  "Activation du contrôleur",
  "Création et mise en service de la base",
  "Téléchargement et connexion au Client",
  "Création des autres utilisateurs",
  "Saisie de l'adresse d'accès aux Espaces",
  "Création d'un compte e-mail",
  "Envoi des informations de connexion aux utilisateurs (par e-mail)",
] as const;

export type ChecklistItem = { number: number; title: string; done: boolean };

export function checklist(overview: ConsoleOverview): { items: ChecklistItem[]; next: ChecklistItem | null } {
  const done: boolean[] = [
    true,
    overview.licenceAcceptedAt !== null,
    overview.controller.domain !== null && overview.plannings.every((p) => p.domain !== null),
    overview.hasSuperadmin,
    overview.controller.status === "RUNNING",
    // Fiche 6: a base created (or loaded) and in service.
    overview.plannings.some((p) => p.base !== null && p.status === "RUNNING"),
    // Fiche 7: the ParamClient file has been downloaded.
    overview.clientParametersDownloaded,
    // Fiche 8: someone besides the first superadministrator.
    overview.userCount > 1,
    // Fiche 9: the Espaces are published at their public address.
    overview.plannings.some((p) => p.publication === "PUBLISHED"),
    // Fiche 10: a sending account, verified and secured.
    overview.hasSendingAccount,
    // Fiche 11: connection letters e-mailed to at least one user.
    overview.lettersEmailed,
  ];
  const items = FICHES.map((title, i) => ({ number: i + 1, title, done: done[i] }));
  return { items, next: items.find((i) => !i.done) ?? null };
}
