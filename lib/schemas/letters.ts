import { z } from "zod";
import { populationSchema } from "./people-import";

const recipientKeys = z
  .array(z.string().max(80))
  .min(1, "Sélectionnez au moins un destinataire.")
  .max(20_000, "Envoyez au plus 20 000 courriers à la fois.");

/** "Envoi de courrier et document": the request key makes a double click or a retry harmless. */
export const sendLettersSchema = z.object({
  requestKey: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  population: populationSchema,
  modelId: z.string().min(1, "Choisissez un modèle.").max(64),
  output: z.enum(["PRINT", "PDF", "EMAIL"], { error: "Choisissez le type de sortie." }),
  attachPdf: z.boolean(),
  withQr: z.boolean(),
  recipients: recipientKeys,
});

export const batchIdSchema = z.object({ batchId: z.string().min(1).max(64) });

export const reissuePasswordsSchema = z.object({ population: populationSchema, recipients: recipientKeys });
