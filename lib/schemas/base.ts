import { z } from "zod";
import {
  MAX_DAY_MINUTES,
  MAX_WEEKS,
  MIN_WEEKS,
  SPLITS,
  formatDuration,
  isoWeekday,
  parseDay,
  stepMinutes,
  weeksBetween,
} from "@/lib/timetable-grid";
import { planningIdSchema } from "./configuration";

const wholeNumber = (message: string) => z.number({ error: message }).int(message);

const day = (weekday: number, message: string) =>
  z
    .string({ error: "Choisissez une date." })
    .refine((s) => parseDay(s) !== null, "Choisissez une date.")
    .refine((s) => {
      const date = parseDay(s);
      return date === null || isoWeekday(date) === weekday;
    }, message);

/** F8, checked on the server with the guides' wording; the dialog uses it for its live messages. */
export const gridSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Saisissez le nom de la nouvelle base.")
      .max(60, "Le nom de la base ne peut pas dépasser 60 caractères.")
      .refine((s) => !/[<>"\\/\u0000-\u001f]/.test(s), 'Le nom de la base ne peut contenir ni < > " ni barre oblique.'),
    firstMonday: day(1, "Le premier jour de l'emploi du temps doit être un lundi."),
    lastSunday: day(7, "Le dernier jour de l'emploi du temps doit être un dimanche."),
    workingDays: z
      .array(wholeNumber("Jour inconnu.").min(1, "Jour inconnu.").max(7, "Jour inconnu."))
      .min(1, "Votre semaine peut comporter de 1 à 7 jours : gardez au moins un jour ouvré.")
      .max(7, "Votre semaine peut comporter de 1 à 7 jours.")
      .refine((days) => new Set(days).size === days.length, "Un jour est choisi deux fois."),
    sequencesPerDay: wholeNumber("Saisissez un nombre entier de séquences.")
      .min(1, "Une journée comporte au moins une séquence.")
      .max(MAX_DAY_MINUTES, "Une journée ne peut pas dépasser 24 heures."),
    sequenceMinutes: wholeNumber("Saisissez une durée en heures et minutes entières.")
      .min(1, "Une séquence dure au moins une minute.")
      .max(MAX_DAY_MINUTES, "Une séquence ne peut pas dépasser 24 heures."),
    split: z
      .number({ error: "Choisissez un découpage." })
      .refine((n) => (SPLITS as readonly number[]).includes(n), "Choisissez un découpage : en 2, en 3, en 4, en 6, en 12 ou Aucun."),
  })
  .superRefine((grid, ctx) => {
    const first = parseDay(grid.firstMonday);
    const last = parseDay(grid.lastSunday);
    if (first && last && isoWeekday(first) === 1 && isoWeekday(last) === 7) {
      const weeks = weeksBetween(grid.firstMonday, grid.lastSunday);
      if (weeks < MIN_WEEKS) {
        ctx.addIssue({ code: "custom", path: ["lastSunday"], message: "Le dernier dimanche doit suivre le premier lundi." });
      } else if (weeks > MAX_WEEKS) {
        ctx.addIssue({
          code: "custom",
          path: ["lastSunday"],
          message: `Un emploi du temps peut recouvrir entre ${MIN_WEEKS} et ${MAX_WEEKS} semaines : vous en avez choisi ${weeks}.`,
        });
      }
    }
    const total = grid.sequencesPerDay * grid.sequenceMinutes;
    if (Number.isInteger(total) && total > MAX_DAY_MINUTES) {
      ctx.addIssue({
        code: "custom",
        path: ["sequencesPerDay"],
        message: `Une journée ne peut pas dépasser 24 heures : la durée totale serait de ${formatDuration(total)}.`,
      });
    }
    if (grid.sequenceMinutes > 0 && Number.isInteger(grid.sequenceMinutes) && stepMinutes(grid.sequenceMinutes, grid.split) === null) {
      ctx.addIssue({
        code: "custom",
        path: ["split"],
        message: `Un découpage en ${grid.split} d'une séquence de ${grid.sequenceMinutes} minutes ne donne pas un pas horaire d'un nombre entier de minutes.`,
      });
    }
  });

export type Grid = z.output<typeof gridSchema>;

/** The dialog's check before sending: the first message per field, as the server would answer. */
export function gridFieldErrors(grid: unknown): Record<string, string> {
  const result = gridSchema.safeParse(grid);
  const errors: Record<string, string> = {};
  if (!result.success) for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

/** "Charger une base": the largest file accepted, checked in the browser, the action and the decoder. */
export const MAX_BASE_FILE_BYTES = 5 * 1024 * 1024;
export const BASE_FILE_TOO_LARGE = `Le fichier dépasse la taille maximale d'une base (${MAX_BASE_FILE_BYTES / 1024 / 1024} Mo).`;

export const createBaseSchema = z.object({ planningId: planningIdSchema, grid: gridSchema });
export const planningOnlySchema = z.object({ planningId: planningIdSchema });
export const setPlanningRunningSchema = z.object({ planningId: planningIdSchema, running: z.boolean() });
export const setPublishedSchema = z.object({ planningId: planningIdSchema, published: z.boolean() });

export const publicationNameSchema = z.object({
  planningId: planningIdSchema,
  name: z
    .string()
    .trim()
    .max(60, "Le nom de publication ne peut pas dépasser 60 caractères.")
    .refine((s) => !/[<>"\\\u0000-\u001f]/.test(s), "Le nom de publication ne peut contenir ni < > ni guillemet."),
});

/** F14: an https address, or empty for the default one. */
export const publicUrlSchema = z.object({
  planningId: planningIdSchema,
  url: z
    .string()
    .trim()
    .max(300, "L'adresse ne peut pas dépasser 300 caractères.")
    .refine((s) => {
      if (s === "") return true;
      try {
        const url = new URL(s);
        return url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password;
      } catch {
        return false;
      }
    }, "Saisissez une adresse complète commençant par https://, par exemple https://ecole.pronote-campus.net/."),
});
