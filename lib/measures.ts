/** F12 "Renforcer la sécurité de mon compte": the extra measures, in the guide's order and words. */
export const MEASURE_IDS = ["NONE", "NOTIFY", "PIN"] as const;
export type MeasureId = (typeof MEASURE_IDS)[number];

export const MEASURE_TEXT: Record<MeasureId, { label: string; help: string }> = {
  NONE: { label: "Aucune mesure supplémentaire", help: "" },
  NOTIFY: {
    label: "Notification uniquement",
    help: "A chaque connexion depuis un appareil non enregistré, vous serez notifié par e-mail et/ou directement dans le logiciel",
  },
  PIN: {
    label: "Définir un code PIN",
    help: 'Ce code PIN sera demandé à chaque connexion depuis un appareil "non enregistré, et une notification sera envoyée',
  },
};
