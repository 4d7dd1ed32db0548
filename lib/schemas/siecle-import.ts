import { z } from "zod";
import { planningIdSchema } from "./configuration";

/** What a server action may receive at once (next.config.ts): SIECLE's zips are far below it. */
export const MAX_SIECLE_UPLOAD_BYTES = 5 * 1024 * 1024;

const TOO_LARGE = "Le fichier dépasse 5 Mo : envoyez le fichier .zip tel que SIECLE l'a exporté.";

const uaiSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{7}[A-Z]$/, "Saisissez l'UAI (RNE) de l'établissement : 7 chiffres et une lettre, 0123456A par exemple.");

const xmlFile = (missing: string) =>
  z
    .instanceof(File, { error: missing })
    .refine((file) => file.size > 0, "Le fichier est vide.")
    .refine((file) => file.size <= MAX_SIECLE_UPLOAD_BYTES, TOO_LARGE);

/**
 * "SIECLE > Récupérer les données des élèves": a FormData with the Espace, the establishment's UAI,
 * the pupils' export and, if given, the responsables' one (each .xml or .zip), and the choices.
 */
export const siecleImportSchema = z
  .instanceof(FormData, { error: "Choisissez le fichier des élèves." })
  .transform(
    (form): Record<string, unknown> => ({
      planningId: form.get("planningId") || "",
      uai: form.get("uai") ?? "",
      pupils: form.get("pupils"),
      responsables: form.get("responsables") || undefined,
      otherResponsables: form.get("otherResponsables") === "on",
      confirmOtherYear: form.get("confirmOtherYear") === "on",
    }),
  )
  .pipe(
    z.object({
      planningId: planningIdSchema.or(z.literal("")).refine((id) => id !== "", "Choisissez l'Espace de ces personnes."),
      uai: uaiSchema,
      pupils: xmlFile("Choisissez le fichier des élèves (ElevesSansAdresses.xml ou son .zip)."),
      responsables: z
        .instanceof(File)
        .refine((file) => file.size <= MAX_SIECLE_UPLOAD_BYTES, TOO_LARGE)
        .optional()
        .transform((file) => (file && file.size > 0 ? file : undefined)),
      otherResponsables: z.boolean(),
      confirmOtherYear: z.boolean(),
    }),
  );

/** "Imports / Exports STSWEB > Récupérer des données": the Espace, the UAI, sts_emp_<UAI>_<année>.xml (or its .zip). */
export const stsImportSchema = z
  .instanceof(FormData, { error: "Choisissez le fichier de STSWEB." })
  .transform(
    (form): Record<string, unknown> => ({
      planningId: form.get("planningId") || "",
      uai: form.get("uai") ?? "",
      file: form.get("file"),
      confirmOtherYear: form.get("confirmOtherYear") === "on",
    }),
  )
  .pipe(
    z.object({
      planningId: planningIdSchema.or(z.literal("")).refine((id) => id !== "", "Choisissez l'Espace de ces personnes."),
      uai: uaiSchema,
      file: xmlFile("Choisissez le fichier de STSWEB (sts_emp_<UAI>_<année>.xml ou son .zip)."),
      confirmOtherYear: z.boolean(),
    }),
  );
