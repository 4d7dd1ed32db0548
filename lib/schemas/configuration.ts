import { z } from "zod";
import { isTimeZone } from "@/lib/time-zones";

/** SPEC F3: one RFC 1123 label, lower-cased. */
export const domainLabelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Le nom de domaine est indispensable à la mise en service")
  .max(63, "Le nom de domaine ne peut pas dépasser 63 caractères.")
  .refine((s) => !s.includes("."), "Saisissez un seul mot, sans point : le suffixe est ajouté automatiquement.")
  .refine((s) => /^[a-z0-9-]+$/.test(s), "Le nom de domaine ne peut contenir que des lettres non accentuées, des chiffres et des tirets.")
  .refine((s) => !s.startsWith("-") && !s.endsWith("-"), "Le nom de domaine ne peut ni commencer ni finir par un tiret.");

export const planningIdSchema = z.string().min(1).max(64);

export const associateControllerDomainSchema = z.object({ domain: z.string().max(300) });
export const associatePlanningDomainSchema = z.object({ planningId: planningIdSchema, domain: z.string().max(300) });

export const planningNameSchema = z
  .string()
  .trim()
  .min(1, "Le nom du planning est obligatoire.")
  .max(40, "Le nom du planning ne peut pas dépasser 40 caractères.")
  .refine((s) => !/[<>"\\/]/.test(s), 'Le nom du planning ne peut contenir ni < > " ni barre oblique.');

export const renamePlanningSchema = z.object({ planningId: planningIdSchema, name: planningNameSchema });
export const setNetLicenceSchema = z.object({ planningId: planningIdSchema, enabled: z.boolean() });
export const setTimeZoneSchema = z.object({
  planningId: planningIdSchema,
  // The length first: Intl takes its time refusing a long text.
  timeZone: z.string().max(64, "Fuseau horaire inconnu.").refine(isTimeZone, "Fuseau horaire inconnu."),
});
