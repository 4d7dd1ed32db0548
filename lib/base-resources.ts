import { z } from "zod";

/** F7 "Ressources": the counters of a base, in the guide's order ("0 matières 0 enseignants 0 cours …"). */
export const RESOURCE_COUNTERS = [
  ["matieres", "matières"],
  ["enseignants", "enseignants"],
  ["cours", "cours"],
  ["demandesReservation", "demandes de réservation"],
  ["devoirs", "devoirs"],
  ["appreciations", "appréciations"],
  ["promotions", "promotions"],
  ["etudiants", "étudiants"],
  ["oraux", "oraux"],
  ["servicesEnseignement", "services d'enseignement"],
  ["absences", "absences"],
  ["retards", "retards"],
  ["salles", "salles"],
  ["programmes", "programmes"],
  ["progressions", "progressions"],
  ["evaluationsCours", "évaluations des cours"],
  ["stages", "stages"],
] as const;

export type ResourceKey = (typeof RESOURCE_COUNTERS)[number][0];
export type Resources = Record<ResourceKey, number>;

/** Secondary schools (PRONOTE) call promotions and students "classes" and "élèves". */
const PRONOTE_LABELS: Partial<Record<ResourceKey, string>> = { promotions: "classes", etudiants: "élèves" };

export function resourceLabel(product: string, key: ResourceKey): string {
  const label = RESOURCE_COUNTERS.find(([k]) => k === key)![1];
  return (product === "PRONOTE" && PRONOTE_LABELS[key]) || label;
}

export function emptyResources(): Resources {
  return Object.fromEntries(RESOURCE_COUNTERS.map(([key]) => [key, 0])) as Resources;
}

const count = z.number().int().min(0).max(10_000_000);
export const resourcesSchema = z
  .object(Object.fromEntries(RESOURCE_COUNTERS.map(([key]) => [key, count])) as Record<ResourceKey, typeof count>)
  .strict();

/** Stored as JSON; a row that does not parse shows zeros rather than breaking the page. */
export function readResources(json: string): Resources {
  try {
    const parsed = resourcesSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : emptyResources();
  } catch {
    return emptyResources();
  }
}
