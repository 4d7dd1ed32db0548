import "server-only";
import type { Population } from "@/lib/letters/original-models";
import type { RecipientFilter } from "@/lib/letters/recipient-filter";
import { fold } from "@/lib/search-key";

/** The recipients list's filter as Prisma's where, for the list's pages and for a sending to "the whole list". */
/** The controller's users are Personnels and have no class: a class filter leaves them out. */
export const withUsers = (population: Population, filter: RecipientFilter) =>
  population === "PERSONNELS" && !filter.group && (!filter.source || filter.source === "SAISIE");

/**
 * A class: a pupil's own; one of a teacher's ("6A, 8A"); for a responsable, the class of one of his
 * current pupils — "the parents of 6A".
 */
function groupWhere(population: Population, group: string) {
  if (population === "RESPONSABLES") return { pupilsOf: { some: { pupil: { groupName: group, leftAt: null } } } };
  if (population === "PROFESSEURS") {
    return {
      OR: [
        { groupName: group },
        { groupName: { startsWith: `${group}, ` } },
        { groupName: { endsWith: `, ${group}` } },
        { groupName: { contains: `, ${group}, ` } },
      ],
    };
  }
  return { groupName: group };
}

function passwordWhere(filter: RecipientFilter) {
  if (filter.password === "PROVISIONAL") return { passwordHash: null };
  if (filter.password === "PERSONALIZED") return { passwordHash: { not: null } };
  return {};
}

/** Not activated: no personal password yet, and (people of the Espaces) no ENT identity either. */
const notActivatedWhere = (filter: RecipientFilter, withEnt: boolean) =>
  filter.notActivated ? { passwordHash: null, ...(withEnt ? { casId: "" } : {}) } : {};

export function peopleWhere(accountId: string, population: Population, filter: RecipientFilter) {
  return {
    accountId,
    population,
    // Departed (no longer in the school's SIECLE file): kept, listed nowhere, sent nothing.
    leftAt: null,
    ...(filter.group ? groupWhere(population, filter.group) : {}),
    ...(filter.source ? { source: filter.source } : {}),
    ...(filter.search ? { searchKey: { contains: fold(filter.search) } } : {}),
    ...passwordWhere(filter),
    ...notActivatedWhere(filter, true),
  };
}

export function usersWhere(accountId: string, filter: RecipientFilter) {
  return {
    accountId,
    ...(filter.search ? { searchKey: { contains: fold(filter.search) } } : {}),
    ...passwordWhere(filter),
    ...notActivatedWhere(filter, false),
  };
}
