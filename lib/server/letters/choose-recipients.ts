import "server-only";
import { db } from "@/lib/db";
import type { Population } from "@/lib/letters/original-models";
import type { RecipientFilter } from "@/lib/letters/recipient-filter";
import { inSlices } from "@/lib/server/id-slices";
import { peopleWhere, usersWhere, withUsers } from "./recipients-where";

/** A sending's recipients: the keys ticked one by one, or everyone the list's filter keeps. */
export type RecipientSelection = { keys?: string[]; filter?: RecipientFilter };

/** Who a delivery is for, in the list's order. */
export type ChosenRecipient = {
  key: string;
  lastName: string;
  firstName: string;
  email: string;
  personalized: boolean;
  /** Persons at one postal address share it (SIECLE's ADRESSE_ID); "" when unknown. */
  householdKey: string;
  /** The mobile number an SMS goes to: "" without one or when SMS are refused. */
  smsTo: string;
};

/** Rows read at a time when a selection is walked whole (20,000 pupils are 40 reads, never one IN). */
const WALK = 1000;

async function walk<T extends { id: string }>(read: (cursor: string | undefined) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (let cursor: string | undefined; ; ) {
    const rows = await read(cursor);
    all.push(...rows);
    if (rows.length < WALK) return all;
    cursor = rows[rows.length - 1].id;
  }
}

/**
 * The recipients a selection names, of this account and population only: keys of another account
 * or population are simply not found. Ticked keys are looked up in slices; a filter is read in
 * pages by id. Nothing here puts a request's list in one statement.
 */
export async function chooseRecipients(
  accountId: string,
  population: Population,
  selection: RecipientSelection,
): Promise<ChosenRecipient[]> {
  const select = { id: true, lastName: true, firstName: true, email: true, passwordHash: true } as const;
  const personFacts = { householdKey: true, mobile: true, acceptsSms: true } as const;
  const chosen =
    (kind: "user" | "person") =>
    (r: {
      id: string;
      lastName: string;
      firstName: string;
      email: string;
      passwordHash: string | null;
      householdKey?: string;
      mobile?: string;
      acceptsSms?: boolean;
    }) => ({
      key: `${kind}:${r.id}`,
      lastName: r.lastName,
      firstName: r.firstName,
      email: r.email,
      personalized: r.passwordHash !== null,
      householdKey: r.householdKey ?? "",
      smsTo: r.acceptsSms ? (r.mobile ?? "") : "",
    });
  if (selection.filter) {
    const filter = selection.filter;
    const page = (cursor: string | undefined) => ({
      take: WALK,
      orderBy: { id: "asc" as const },
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    const [users, people] = await Promise.all([
      withUsers(population, filter)
        ? walk((c) => db.controllerUser.findMany({ where: usersWhere(accountId, filter), select, ...page(c) }))
        : [],
      walk((c) =>
        db.espacePerson.findMany({
          where: peopleWhere(accountId, population, filter),
          select: { ...select, ...personFacts, groupName: true },
          ...page(c),
        }),
      ),
    ]);
    // The list's order: by name for the users, by class then name for the people.
    const byName = (a: { lastName: string; firstName: string }, b: { lastName: string; firstName: string }) =>
      a.lastName.localeCompare(b.lastName, "fr") || a.firstName.localeCompare(b.firstName, "fr");
    people.sort((a, b) => a.groupName.localeCompare(b.groupName, "fr") || byName(a, b));
    return [...users.sort(byName).map(chosen("user")), ...people.map(chosen("person"))];
  }
  const keys = [...new Set(selection.keys ?? [])];
  const parsed = keys.map(parseRecipientKey).filter((k) => k !== null);
  const userIds = population === "PERSONNELS" ? parsed.filter((k) => k.kind === "user").map((k) => k.id) : [];
  const personIds = parsed.filter((k) => k.kind === "person").map((k) => k.id);
  const [users, people] = await Promise.all([
    inSlices(userIds, (ids) => db.controllerUser.findMany({ where: { accountId, id: { in: ids } }, select })),
    inSlices(personIds, (ids) =>
      db.espacePerson.findMany({
        where: { accountId, population, leftAt: null, id: { in: ids } },
        select: { ...select, ...personFacts },
      }),
    ),
  ]);
  const byKey = new Map([...users.map(chosen("user")), ...people.map(chosen("person"))].map((r) => [r.key, r]));
  return keys.map((key) => byKey.get(key)).filter((r) => r !== undefined);
}

export function parseRecipientKey(key: string): { kind: "user" | "person"; id: string } | null {
  const match = /^(user|person):([A-Za-z0-9_-]{1,64})$/.exec(key);
  return match ? { kind: match[1] as "user" | "person", id: match[2] } : null;
}

/**
 * "Un courrier par adresse": the recipients in their order, each household's persons brought
 * together at the place of the first of them; a person of no known address stays alone.
 */
export function byHousehold(recipients: ChosenRecipient[]): ChosenRecipient[] {
  const groups = new Map<string, ChosenRecipient[]>();
  for (const r of recipients) {
    const key = r.householdKey || r.key;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].flat();
}
