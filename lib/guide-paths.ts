import { fold } from "@/lib/search-key";

/**
 * Where the guide's Client commands live in the console. From Fiche 7 on, the guide describes the
 * desktop Client's menus; each entry names the guide's path word for word, the console's place,
 * and the control it lands on (the element of id `target`, or the first control inside it). The
 * signposts of the panels, the checklist's links and the header's search all read this table.
 */
export type GuidePath = {
  id: string;
  fiche: number;
  /** The guide's words: a Client menu path, a window or a button. */
  client: string;
  /** The console's place, as its panels and tabs are named. */
  here: string;
  /** The page, then `#target`. */
  href: string;
  /** Other words of the guide that lead there (labels of its buttons and fields). */
  words?: string[];
};

export const GUIDE_PATHS: GuidePath[] = [
  {
    id: "installer-client",
    fiche: 7,
    client: "Télécharger le client > Installer ou diffuser le client",
    here: "Télécharger le client > Installer ou diffuser le client",
    href: "/client#installer-client",
    words: ["Installez le Client", "Windows 10", "téléchargement du client"],
  },
  {
    id: "param-client",
    fiche: 7,
    client: "Appliquez les paramètres de connexion (fichier ParamClient)",
    here: "Télécharger le client > Appliquez les paramètres de connexion",
    href: "/client#param-client",
    words: ["ParamClient", "paramètres de connexion"],
  },
  {
    id: "connexion-controleur",
    fiche: 7,
    client: "Connexion au contrôleur > Se connecter",
    here: "Télécharger le client > Diffuser la connexion au contrôleur",
    href: "/client#diffuser-connexion",
    words: ["Adresse IP ou nom de domaine", "Port TCP", "Se connecter", "lien de connexion", "QR code"],
  },
  {
    id: "administration-utilisateurs",
    fiche: 8,
    client: "Fichier > Administration des utilisateurs",
    here: "Contrôleur > Liste des utilisateurs",
    href: "/controleur?onglet=utilisateurs#nouvel-utilisateur",
    words: ["Liste des utilisateurs", "Nouveau", "Id. connexion", "créer un utilisateur"],
  },
  {
    id: "statut-utilisateur",
    fiche: 8,
    client: "Statut de l'utilisateur",
    here: "Contrôleur > Liste des utilisateurs, colonne Statut",
    href: "/controleur?onglet=utilisateurs#statut-utilisateur",
    words: ["Superadministrateur", "Administrateur de base", "Utilisateur"],
  },
  {
    id: "affectation-profils",
    fiche: 8,
    client: "Fichier > Administration des utilisateurs > Affectation dans les profils",
    here: "Contrôleur > Affectation dans les profils",
    href: "/controleur?onglet=affectation#affectation-profils",
    words: ["profil", "Administration", "Consultation", "Modification"],
  },
  {
    id: "adresse-ip-serveur",
    fiche: 9,
    client: "Télécharger le client > Paramètres de connexion au serveur > Adresse IP",
    here: "Télécharger le client > Paramètres de connexion au serveur",
    href: "/client#parametres-serveur",
    words: ["Adresse IP", "copiez l'adresse"],
  },
  {
    id: "publication-espaces",
    fiche: 9,
    client: "Internet > Publication des Espaces > Page commune > En-tête",
    here: "Mes plannings > .net > URL publique d'accès au .net",
    href: "/plannings?onglet=net#url-publique",
    words: ["URL publique d'accès au .net", "Publication des Espaces", "Page commune", "En-tête"],
  },
  {
    id: "envoi-e-mails",
    fiche: 10,
    client: "Configuration > Paramétrer l'envoi d'e-mails pour ce poste",
    here: "Communication > Paramétrer l'envoi d'e-mails",
    href: "/communication?onglet=envoi#comptes-personnels",
    words: ["+ Comptes personnels", "Comptes personnels", "compte e-mail", "code", "question secrète"],
  },
  {
    id: "personnels-liste",
    fiche: 11,
    client: "Plannings > Personnels > Liste",
    here: "Communication > Destinataires et envois > Personnels",
    href: "/communication?onglet=destinataires&population=PERSONNELS#destinataires",
    words: ["Personnels", "destinataires", "Sélectionnez les destinataires"],
  },
  {
    id: "imprimer-mailer",
    fiche: 11,
    client: "Imprimer/Mailer",
    here: "Communication > Destinataires et envois > Envoyer un courrier > Imprimer / Générer / Mailer",
    href: "/communication?onglet=destinataires&population=PERSONNELS#envoyer-courrier",
    words: [
      "Imprimer / Générer / Mailer",
      "Envoi de courrier et document",
      "Type de sortie",
      "E-mail",
      "Envoyer l'e-mail",
      "Connexion des personnels",
    ],
  },
  {
    id: "modeles",
    fiche: 11,
    client: "Communication > Courriers et documents > Modèles",
    here: "Communication > Courriers et documents > Modèles",
    href: "/communication?onglet=modeles#modeles",
    words: ["modèle de document", "Connexion des personnels", "Restaurer l'original"],
  },
];

export function guidePath(id: string): GuidePath {
  const path = GUIDE_PATHS.find((p) => p.id === id);
  if (!path) throw new Error(`guide path ${id} unknown`);
  return path;
}

/** Words of a query, folded: "Fichier > Administration" and "administration fichier" are one search. */
const wordsOf = (text: string) =>
  fold(text)
    .split(/[^a-z0-9.+]+/)
    .filter((w) => w.length > 0 && w !== ">");

/**
 * The entries every word of the query is found in (at the start of a word of the entry), the
 * guide's own path first; at most `limit`. Only the panels the caller may open are searched.
 */
export function searchGuide(query: string, panels: string[], limit = 8): GuidePath[] {
  const asked = wordsOf(query);
  if (asked.length === 0) return [];
  const scored: { path: GuidePath; score: number }[] = [];
  for (const path of GUIDE_PATHS) {
    if (!panels.some((panel) => path.href.startsWith(panel))) continue;
    const own = wordsOf(`${path.client} fiche ${path.fiche}`);
    const all = [...own, ...wordsOf(`${path.here} ${(path.words ?? []).join(" ")}`)];
    if (!asked.every((w) => all.some((word) => word.startsWith(w)))) continue;
    const inOwn = asked.filter((w) => own.some((word) => word.startsWith(w))).length;
    scored.push({ path, score: inOwn * 10 - own.length });
  }
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.path);
}

/**
 * X1: where each Fiche is done in the console (Fiche 1 is an e-mail and an SMS, Fiche 2 this
 * sign-in); from Fiche 7 on, the place of the guide's path where the Fiche's step is done.
 */
export const FICHE_PLACES: Record<number, string> = {
  3: "/configuration",
  4: "/controleur",
  5: "/controleur#activer-controleur",
  6: "/plannings",
  7: guidePath("installer-client").href,
  8: guidePath("administration-utilisateurs").href,
  9: guidePath("publication-espaces").href,
  10: guidePath("envoi-e-mails").href,
  11: guidePath("personnels-liste").href,
};
