/** The licence agreement the hosting responsible accepts on first sign-in (F2). */
export const LICENCE_VERSION = "2026-01";

export const LICENCE_TITLE = "Contrat de licence";

export const LICENCE_ARTICLES: { title: string; text: string }[] = [
  {
    title: "1. Objet",
    text:
      "Le présent contrat définit les conditions dans lesquelles l'établissement utilise, en mode hébergé, " +
      "le logiciel dont il a acquis la licence ainsi que la console d'hébergement qui permet de le déployer.",
  },
  {
    title: "2. Licence d'utilisation",
    text:
      "La licence est concédée à l'établissement pour la durée de l'abonnement, pour le nombre de plannings " +
      "et de connexions administratives simultanées indiqué sur la facture. Elle est personnelle et incessible.",
  },
  {
    title: "3. Identifiants d'hébergement",
    text:
      "Le numéro d'hébergement, le numéro de facture et le mot de passe de la console sont confidentiels. " +
      "Le responsable de l'hébergement en assure la garde ; toute action effectuée avec ces identifiants est " +
      "réputée effectuée par l'établissement.",
  },
  {
    title: "4. Données personnelles",
    text:
      "L'établissement reste responsable des traitements de données personnelles qu'il met en œuvre. " +
      "L'hébergeur agit en qualité de sous-traitant, héberge les données en France et ne les utilise qu'aux " +
      "fins de l'exécution du service.",
  },
  {
    title: "5. Disponibilité et sauvegardes",
    text:
      "L'hébergeur met en œuvre les moyens nécessaires à la disponibilité du service et sauvegarde les bases " +
      "quotidiennement. Les opérations de maintenance sont annoncées dans la console.",
  },
  {
    title: "6. Durée et résiliation",
    text:
      "Le contrat prend effet à son acceptation et suit la durée de l'abonnement. À son terme, " +
      "l'établissement peut récupérer ses bases avec la commande « Transférer la base ».",
  },
];
