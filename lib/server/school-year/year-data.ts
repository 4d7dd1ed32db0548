import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";

/**
 * What the end-of-August change sets aside with a planning's base, as the new base starts empty
 * (seed 004): the people of its Espaces (their rows stay, with logins, passwords and history; they
 * only leave the planning), its profile assignments, and the account's letter models as they stood.
 * "Récupérer les données de l'an passé" brings back what the school ticks.
 */
const yearDataSchema = z.object({
  people: z.array(z.string()),
  assignments: z.array(z.object({ userId: z.string(), profile: z.string() })),
  models: z.array(
    z.object({ name: z.string(), population: z.string(), channel: z.string(), originalKey: z.string().nullable(), text: z.string() }),
  ),
});
export type YearData = z.output<typeof yearDataSchema>;

export function readYearData(text: string): YearData | null {
  if (!text) return null;
  const parsed = yearDataSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

/** Inside the change's transaction: records the planning's year with its archive, then empties the planning. */
export async function setYearAside(tx: Tx, at: { accountId: string; planningId: string; schoolYear: number }) {
  const { accountId, planningId } = at;
  // One after the other: a transaction is one connection.
  const people = await tx.espacePerson.findMany({ where: { accountId, planningId }, select: { id: true } });
  const assignments = await tx.profileAssignment.findMany({ where: { accountId, planningId }, select: { userId: true, profile: true } });
  const models = await tx.letterModel.findMany({
    where: { accountId },
    select: { name: true, population: true, channel: true, originalKey: true, text: true },
  });
  const data: YearData = { people: people.map((p) => p.id), assignments, models };
  await tx.baseArchive.updateMany({
    where: { planningId, schoolYear: at.schoolYear, yearData: "" },
    data: { yearData: JSON.stringify(data) },
  });
  await tx.espacePerson.updateMany({ where: { accountId, planningId }, data: { planningId: null } });
  await tx.profileAssignment.deleteMany({ where: { accountId, planningId } });
  return { people: people.length, assignments: assignments.length };
}
