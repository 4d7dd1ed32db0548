import { z } from "zod";
import type { Population } from "@/lib/letters/original-models";
import { MAX_CSV_BYTES, PEOPLE_FIELDS } from "@/lib/letters/people-fields";
import { planningIdSchema } from "./configuration";

export const populationSchema = z.enum(["PERSONNELS", "PROFESSEURS", "ELEVES", "RESPONSABLES"] satisfies Population[], {
  error: "Choisissez la population.",
});

const column = z.number().int().min(0).max(200).nullable();
const mappingSchema = z.object(
  Object.fromEntries(PEOPLE_FIELDS.map((f) => [f, column])) as Record<(typeof PEOPLE_FIELDS)[number], typeof column>,
);

/**
 * "Importer un fichier CSV": a FormData with the population, the Espace (the planning its people
 * sign in to), the file and, once the user has checked it, the column mapping as JSON.
 */
export const peopleImportSchema = z
  .instanceof(FormData, { error: "Choisissez un fichier CSV." })
  .transform((form) => ({
    population: form.get("population"),
    planningId: form.get("planningId") || "",
    file: form.get("file"),
    mapping: form.get("mapping"),
  }))
  .pipe(
    z.object({
      population: populationSchema,
      planningId: planningIdSchema.or(z.literal("")).refine((id) => id !== "", "Choisissez l'Espace de ces personnes."),
      file: z
        .instanceof(File, { error: "Choisissez un fichier CSV." })
        .refine((file) => file.size > 0, "Le fichier est vide.")
        .refine((file) => file.size <= MAX_CSV_BYTES, "Le fichier dépasse 5 Mo."),
      mapping: z
        .string()
        .nullable()
        .transform((text, ctx) => {
          if (!text) return undefined;
          const parsed = mappingSchema.safeParse(parseJson(text));
          if (!parsed.success) {
            ctx.addIssue({ code: "custom", message: "Association des colonnes invalide." });
            return z.NEVER;
          }
          return parsed.data;
        }),
    }),
  );

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
