import { z } from "zod";
import { populationSchema } from "./people-import";

/** "Imprimer des étiquettes": the A4 label sheets the console prints on (lib/server/letters/labels-pdf.ts). */
export const LABEL_FORMATS = ["3x8", "2x7"] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

/** The recipients list's filter, as the page's address carries it (F16). */
export const recipientFilterSchema = z.object({
  group: z.string().trim().max(100, "La classe ne peut pas dépasser 100 caractères.").optional(),
  search: z.string().trim().max(100, "La recherche ne peut pas dépasser 100 caractères.").optional(),
  password: z.enum(["PROVISIONAL", "PERSONALIZED"], { error: "Choisissez l'état du mot de passe." }).optional(),
  notActivated: z.boolean().optional(),
  source: z.enum(["SIECLE", "STSWEB", "CSV", "SAISIE"], { error: "Choisissez la source." }).optional(),
});

/**
 * Who a sending is for: the keys ticked in the list (bounded: a school's largest population fits),
 * or "les N destinataires de la liste" — the filter itself, so the browser never posts 5,000 keys.
 */
export const recipientSelectionSchema = z
  .object({
    keys: z.array(z.string().max(80)).max(20_000, "Sélectionnez au plus 20 000 destinataires à la fois.").optional(),
    filter: recipientFilterSchema.optional(),
  })
  .refine((s) => (s.keys && s.keys.length > 0 ? 1 : 0) + (s.filter ? 1 : 0) === 1, {
    message: "Sélectionnez au moins un destinataire.",
  });

/** "Envoi de courrier et document": the request key makes a double click or a retry harmless. */
export const sendLettersSchema = z.object({
  requestKey: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  population: populationSchema,
  modelId: z.string().min(1, "Choisissez un modèle.").max(64),
  output: z.enum(["PRINT", "PDF", "EMAIL", "LABELS", "SMS"], { error: "Choisissez le type de sortie." }),
  attachPdf: z.boolean(),
  withQr: z.boolean(),
  selection: recipientSelectionSchema,
  perHousehold: z.boolean().optional(),
  labelFormat: z.enum(LABEL_FORMATS, { error: "Choisissez la planche d'étiquettes." }).optional(),
  establishmentAddress: z
    .string()
    .max(300, "L'adresse de l'établissement ne peut pas dépasser 300 caractères.")
    .refine((a) => a.split("\n").length <= 5, "L'adresse de l'établissement tient en 5 lignes au plus.")
    .optional(),
});

export const batchIdSchema = z.object({ batchId: z.string().min(1).max(64) });

export const reissuePasswordsSchema = z.object({ population: populationSchema, selection: recipientSelectionSchema });

export const previewLetterSchema = z.object({
  population: populationSchema,
  modelId: z.string().min(1, "Choisissez un modèle.").max(64),
  withQr: z.boolean(),
  recipientKey: z.string().max(80),
});
