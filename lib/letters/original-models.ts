/**
 * The models the console ships ("Restaurer l'original" brings them back): "Connexion des
 * personnels" and one per population of the Espaces, in the tag language of `model-tags.ts`.
 */
export const POPULATIONS = [
  { id: "PERSONNELS", label: "Personnels" },
  { id: "PROFESSEURS", label: "Professeurs" },
  { id: "ELEVES", label: "Élèves" },
  { id: "RESPONSABLES", label: "Responsables" },
] as const;
export type Population = (typeof POPULATIONS)[number]["id"];
/** HYPERPLANNING (higher education) calls its pupils "étudiants", as the counters of its bases do. */
export function populationLabel(product: string, population: Population): string {
  if (product === "HYPERPLANNING" && population === "ELEVES") return "Étudiants";
  return POPULATIONS.find((p) => p.id === population)!.label;
}

/** The populations with the product's own words. */
export function populationsOf(product: string): { id: Population; label: string }[] {
  return POPULATIONS.map((p) => ({ id: p.id, label: populationLabel(product, p.id) }));
}

/** An original model's name with the product's words ("Connexion des étudiants" in HYPERPLANNING). */
export function originalModelName(product: string, original: { name: string; population: Population; channel?: string }): string {
  if (product !== "HYPERPLANNING" || original.population !== "ELEVES") return original.name;
  return original.channel === "SMS" ? "Connexion des étudiants (SMS)" : "Connexion des étudiants";
}

/** The populations whose Espace the mobile app opens: their letters may carry a QR code (not the staff's). */
export const MOBILE_POPULATIONS: readonly Population[] = ["PROFESSEURS", "ELEVES", "RESPONSABLES"];

const body = (greeting: string) => [
  "[Établissement]",
  "# Connexion à votre [Espace]",
  "",
  greeting,
  "Voici vos informations de connexion. Conservez ce courrier en lieu sûr.",
  "* Identifiant : [Identifiant]",
  "* [Si provisoire]Mot de passe provisoire : [Mot de passe]",
  "* [Si personnalisé]Mot de passe : celui que vous avez choisi (il n'est pas imprimé).",
  "Adresse : [Adresse de l'Espace]",
  "[Si provisoire]À votre première connexion, vous choisirez un mot de passe personnel.",
  "[Si personnalisé]Mot de passe oublié : demandez un nouveau mot de passe provisoire à l'établissement.",
  "[Si ENT]Connectez-vous par l'ENT de l'établissement, avec les identifiants de l'ENT : aucun mot de passe ne vous est délivré ici.",
];

const mobile = [
  "",
  "[QR code]",
  "Application mobile : installez l'application, ajoutez un compte, flashez le QR code, puis saisissez le code de sécurité.",
  "* Code de sécurité : [Code de sécurité]",
  "Ce QR code est valable jusqu'au [Date d'expiration du QR code] et ne sert qu'une fois.",
];

export const ORIGINAL_MODELS: { key: string; name: string; population: Population; text: string }[] = [
  {
    key: "connexion-personnels",
    name: "Connexion des personnels",
    population: "PERSONNELS",
    text: body("Bonjour [Prénom] [Nom],").join("\n"),
  },
  {
    key: "connexion-professeurs",
    name: "Connexion des professeurs",
    population: "PROFESSEURS",
    text: [...body("Bonjour [Civilité] [Nom],"), ...mobile].join("\n"),
  },
  {
    key: "connexion-eleves",
    name: "Connexion des élèves",
    population: "ELEVES",
    text: [...body("Bonjour [Prénom] [Nom],"), ...mobile].join("\n"),
  },
  {
    key: "connexion-responsables",
    name: "Connexion des responsables",
    population: "RESPONSABLES",
    text: [...body("Bonjour [Civilité] [Nom],"), ...mobile].join("\n"),
  },
];

/**
 * "Connexion des …" by SMS, beside each letter (seed 004): the same facts in a text that fits two
 * messages of the GSM alphabet (no ê, ç: one of them would make each message 70 characters), and
 * never a QR code nor its security code.
 */
const sms = (population: Population, who: string) => ({
  key: `sms-connexion-${who}`,
  name: `Connexion des ${who} (SMS)`,
  population,
  channel: "SMS" as const,
  text: [
    "[Établissement] - [Espace]",
    "Identifiant : [Identifiant]",
    "[Si provisoire]Mot de passe provisoire : [Mot de passe]",
    "[Si personnalisé]Mot de passe : celui que vous avez choisi",
    "[Adresse de l'Espace]",
  ].join("\n"),
});

export const ORIGINAL_SMS_MODELS = [sms("PROFESSEURS", "professeurs"), sms("ELEVES", "élèves"), sms("RESPONSABLES", "responsables")];

/** The tags an SMS model may not hold: a QR code cannot travel by SMS. */
export const NOT_IN_SMS = ["QR code", "Code de sécurité", "Date d'expiration du QR code"];
