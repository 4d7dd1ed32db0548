import { z } from "zod";

export const USER_STATUSES = ["SUPERADMIN", "BASE_ADMIN", "USER"] as const;
export const STATUS_LABELS: Record<(typeof USER_STATUSES)[number], string> = {
  SUPERADMIN: "Superadministrateur",
  BASE_ADMIN: "Administrateur de base",
  USER: "Utilisateur",
};

export const PROFILES = ["ADMINISTRATION", "CONSULTATION", "MODIFICATION"] as const;
export type Profile = (typeof PROFILES)[number];
export const PROFILE_LABELS: Record<Profile, string> = {
  ADMINISTRATION: "Administration",
  CONSULTATION: "Consultation",
  MODIFICATION: "Modification",
};

/**
 * One rule for every login, of a controller user as of a person imported for the Espaces: ASCII
 * letters, digits and . _ @ -, since the mobile clients reading a letter's QR code mangle other
 * bytes (the CSV import, lib/server/people/csv-import.ts, applies the same pattern).
 */
export const LOGIN_ID_PATTERN = /^[A-Za-z0-9._@-]{1,60}$/;
export const LOGIN_ID_RULE = "lettres sans accent, chiffres et . _ @ - seulement (le QR code exige des caractères simples)";

export const loginIdSchema = z
  .string()
  .trim()
  .min(1, "L'identifiant de connexion est obligatoire.")
  .max(60, "L'identifiant de connexion ne peut pas dépasser 60 caractères.")
  .regex(LOGIN_ID_PATTERN, `L'identifiant de connexion ne peut contenir que des ${LOGIN_ID_RULE}.`);

const nameSchema = (what: string) =>
  z.string().trim().min(1, `Le ${what} est obligatoire.`).max(80, `Le ${what} ne peut pas dépasser 80 caractères.`);

export const firstSuperadminSchema = z
  .object({
    firstName: nameSchema("prénom"),
    lastName: nameSchema("nom"),
    loginId: loginIdSchema,
    password: z.string().min(1, "Le mot de passe est obligatoire.").max(200),
    confirmation: z.string(),
  })
  .refine((v) => v.password === v.confirmation, {
    path: ["confirmation"],
    message: "La confirmation ne correspond pas au mot de passe.",
  });

export const newUserSchema = z.object({ loginId: loginIdSchema, lastName: nameSchema("nom"), firstName: nameSchema("prénom") });

export const userIdSchema = z.string().min(1).max(64);

const phoneSchema = z
  .string()
  .trim()
  .regex(/^(\+?[0-9 .-]{6,20})?$/, "Le numéro de téléphone ne peut contenir que des chiffres, des espaces, des points et un + initial.");

export const updateUserSchema = z.object({
  userId: userIdSchema,
  status: z.enum(USER_STATUSES).optional(),
  email: z
    .union([z.literal(""), z.string().max(254, "L'adresse e-mail n'est pas valide.").pipe(z.email("L'adresse e-mail n'est pas valide."))])
    .optional(),
  consoleAccess: z.boolean().optional(),
  civility: z.enum(["", "M.", "Mme"]).optional(),
  phone: phoneSchema.optional(),
  mobile: phoneSchema.optional(),
  ldapId: z.string().trim().max(200).optional(),
  casId: z.string().trim().max(200).optional(),
  wsfedId: z.string().trim().max(200).optional(),
  disabled: z.boolean().optional(),
  /** Lifts the lock set after 10 wrong PINs. */
  unlockPin: z.literal(true).optional(),
});

export const assignSchema = z.object({
  planningId: z.string().min(1).max(64),
  profile: z.enum(PROFILES),
  userIds: z.array(userIdSchema).min(1, "Cochez au moins un utilisateur.").max(10_000),
});

export const unassignSchema = z.object({ planningId: z.string().min(1).max(64), userId: userIdSchema });

export const securitySettingsSchema = z.object({
  allowedMeasures: z.array(z.enum(["NONE", "NOTIFY", "PIN"])).min(1, "Proposez au moins une mesure aux utilisateurs."),
  pinMinLength: z.coerce
    .number({ error: "Saisissez un nombre de chiffres." })
    .int()
    .min(4, "Le code PIN doit contenir au moins 4 chiffres.")
    .max(8, "Un code PIN de plus de 8 chiffres ne serait pas retenu par les utilisateurs."),
  passwordMinLength: z.coerce
    .number({ error: "Saisissez un nombre de caractères." })
    .int()
    .min(12, "Le mot de passe doit contenir au moins 12 caractères.")
    .max(64, "Au plus 64 caractères."),
  /** "Double authentification obligatoire" for the superadministrators; left as it is when absent. */
  requireSecondFactor: z.boolean().optional(),
});

export const modelNameSchema = z.string().trim().min(1, "Donnez un nom au modèle.").max(60, "Au plus 60 caractères.");
export const saveModelSchema = z.object({ planningId: z.string().min(1).max(64), name: modelNameSchema });
export const applyModelSchema = z.object({ planningId: z.string().min(1).max(64), modelId: z.string().min(1).max(64) });
export const copyAssignmentsSchema = z.object({
  planningId: z.string().min(1).max(64),
  fromPlanningId: z.string().min(1).max(64),
});
