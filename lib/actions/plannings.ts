"use server";

import { z } from "zod";
import { consoleAction } from "./action-client";
import {
  BASE_FILE_TOO_LARGE,
  createBaseSchema,
  MAX_BASE_FILE_BYTES,
  publicationNameSchema,
  publicUrlSchema,
  setPlanningRunningSchema,
  setPublishedSchema,
} from "@/lib/schemas/base";
import { planningIdSchema } from "@/lib/schemas/configuration";
import { entSettingsSchema } from "@/lib/schemas/ent";
import { saveEntSettings } from "@/lib/server/planning/ent-settings";
import { createBase } from "@/lib/server/base/create-base";
import { loadBase } from "@/lib/server/base/load-base";
import { createNextYearBase } from "@/lib/server/school-year/planning-archives";
import { recoverLastYear } from "@/lib/server/school-year/recover-year";
import { RECOVERY_ITEM_KEYS } from "@/lib/school-year-recovery";
import { setPlanningPublished, setPlanningRunning, setPublicationName, setPublicUrl } from "@/lib/server/planning/service-and-publication";

export const createBaseAction = consoleAction("plannings", createBaseSchema, (input, ctx) => createBase(ctx, input.planningId, input.grid));

/** "Charger une base": a FormData with the planning and the file, so that the file streams as bytes. */
const loadBaseSchema = z
  .instanceof(FormData, { error: "Choisissez un fichier de base." })
  .transform((form) => ({ planningId: form.get("planningId"), file: form.get("file") }))
  .pipe(
    z.object({
      planningId: planningIdSchema,
      file: z
        .instanceof(File, { error: "Choisissez un fichier de base." })
        .refine((file) => file.size > 0, "Le fichier est vide.")
        .refine((file) => file.size <= MAX_BASE_FILE_BYTES, BASE_FILE_TOO_LARGE),
    }),
  );

export const loadBaseAction = consoleAction("plannings", loadBaseSchema, async (input, ctx) =>
  loadBase(ctx, input.planningId, Buffer.from(await input.file.arrayBuffer())),
);

export const setPlanningRunningAction = consoleAction("plannings", setPlanningRunningSchema, (input, ctx) =>
  setPlanningRunning(ctx, input.planningId, input.running),
);

export const setPlanningPublishedAction = consoleAction("plannings", setPublishedSchema, (input, ctx) =>
  setPlanningPublished(ctx, input.planningId, input.published),
);

export const setPublicationNameAction = consoleAction("plannings", publicationNameSchema, (input, ctx) =>
  setPublicationName(ctx, input.planningId, input.name),
);

export const setPublicUrlAction = consoleAction("plannings", publicUrlSchema, (input, ctx) =>
  setPublicUrl(ctx, input.planningId, input.url),
);

/** PRONOTE.net > "Intégration dans un ENT": saved only while the Espaces are not published. */
export const saveEntSettingsAction = consoleAction("plannings", entSettingsSchema, ({ planningId, ...settings }, ctx) =>
  saveEntSettings(ctx, planningId, settings),
);

/** Seed 004: the pre-version's "Créer la base de l'année suivante", in July and August. */
export const createNextYearBaseAction = consoleAction("plannings", z.object({ planningId: planningIdSchema }), (input, ctx) =>
  createNextYearBase(ctx, input.planningId),
);

/** Seed 004 "Récupérer les données de l'an passé": the archive designated, the data ticked. */
export const recoverLastYearAction = consoleAction(
  "plannings",
  z.object({
    planningId: planningIdSchema,
    archiveId: z.string({ error: "Désignez l'archive de l'an passé." }).min(1, "Désignez l'archive de l'an passé.").max(64),
    items: z.array(z.enum(RECOVERY_ITEM_KEYS)).min(1, "Cochez au moins une donnée à récupérer.").max(RECOVERY_ITEM_KEYS.length),
  }),
  (input, ctx) => recoverLastYear(ctx, input.planningId, input),
);
