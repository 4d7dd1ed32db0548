import { z } from "zod";
import { PRODUCTS } from "@/lib/products";

export const hostingNumberSchema = z
  .string()
  .trim()
  .regex(/^\d{12}$/, "Le numéro d'hébergement est composé de 12 chiffres.");

export const consolePasswordSchema = z
  .string()
  .min(1, "Saisissez le mot de passe de la console d'hébergement.")
  .max(64, "Le mot de passe de la console d'hébergement est composé de 14 caractères.");

export const invoiceNumberSchema = z
  .string()
  .trim()
  .regex(/^\d{10}$/, "Le numéro de facture est composé de 10 chiffres.");

export const rneSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{7}[A-Z]$/, "Le code RNE/UAI est composé de 7 chiffres et d'une lettre.");

/** F1: what the operator types to open a hosting account. */
export const provisionSchema = z
  .object({
    product: z.enum(PRODUCTS, { error: "Produit inconnu : PRONOTE_CAMPUS, HYPERPLANNING ou PRONOTE." }),
    establishment: z.string().trim().min(1, "Le nom de l'établissement est obligatoire.").max(120),
    rne: rneSchema.optional(),
    responsibleName: z.string().trim().min(1, "Le nom du responsable de l'hébergement est obligatoire.").max(120),
    // The length first: no pattern ever runs on a long text.
    responsibleEmail: z
      .string()
      .max(254, "L'adresse e-mail du responsable n'est pas valide.")
      .pipe(z.email("L'adresse e-mail du responsable n'est pas valide.")),
    responsibleMobile: z
      .string()
      .transform((s) => s.replace(/[\s.-]/g, ""))
      .pipe(z.string().regex(/^(\+33[67]\d{8}|0[67]\d{8}|\+\d{8,15})$/, "Le numéro de mobile n'est pas valide.")),
    licensedPlannings: z.coerce.number().int().min(1, "Au moins 1 planning.").max(20, "Au plus 20 plannings.").default(2),
    licensedConnections: z.coerce.number().int().min(1, "Au moins 1 connexion.").max(500, "Au plus 500 connexions.").default(4),
  })
  .refine((v) => v.product !== "PRONOTE" || v.rne, {
    path: ["rne"],
    message: "Le code RNE/UAI est obligatoire pour PRONOTE.",
  });

export type ProvisionInput = z.input<typeof provisionSchema>;
