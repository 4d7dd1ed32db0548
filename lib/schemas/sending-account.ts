import { z } from "zod";

/** F15, Étape 2 "Désignation du compte". */
export const personalAccountSchema = z.object({
  name: z.string().trim().min(1, "Saisissez le nom du compte.").max(80, "Le nom du compte ne peut pas dépasser 80 caractères."),
  email: z
    .string()
    .trim()
    .min(1, "Saisissez l'adresse e-mail du compte.")
    .max(254, "L'adresse e-mail n'est pas valide.")
    .pipe(z.email("L'adresse e-mail n'est pas valide.")),
});

/** An establishment account the step is about; none means the caller's personal account. */
const sendingAccountId = z.string().min(1).max(64).optional();

/** Étape 3 "Vérification du code". */
export const sendingCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Le code reçu comporte 6 chiffres."),
  sendingAccountId,
});

/** Étape 4 "Sécurisation du compte". */
export const secretQuestionSchema = z.object({
  question: z.string().trim().min(3, "Saisissez une question secrète.").max(120, "La question ne peut pas dépasser 120 caractères."),
  answer: z
    .string()
    .trim()
    .min(2, "Saisissez la réponse à la question secrète.")
    .max(120, "La réponse ne peut pas dépasser 120 caractères."),
  sendingAccountId,
});

export const allowedSendersSchema = z.object({
  sendingAccountId: z.string().min(1).max(64),
  userIds: z.array(z.string().min(1).max(64)).max(500),
});
