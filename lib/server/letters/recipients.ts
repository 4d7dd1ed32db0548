import "server-only";
import { db } from "@/lib/db";
import type { Population } from "@/lib/letters/original-models";
import { espacesAddress } from "@/lib/products";
import { userSignInUrl } from "@/lib/server/app-url";
import { decryptProvisional } from "@/lib/server/security/provisional";
import type { MobileEspace } from "./qr-payload";
import type { LetterHolder } from "./letter-tokens";
import { inSlices } from "@/lib/server/id-slices";
import { fold } from "@/lib/search-key";
import type { RecipientFilter } from "@/lib/letters/recipient-filter";

/**
 * F16 recipients of one population: for "Personnels", the controller's users (F13) and the staff
 * imported for the Espaces; for the others, the people imported from their CSV file. A recipient
 * is named by a key, "user:<id>" or "person:<id>", that the sending carries.
 */
export type RecipientSummary = {
  key: string;
  loginId: string;
  lastName: string;
  firstName: string;
  civility: string;
  email: string;
  group: string;
  espace: string;
  personalized: boolean;
};

/** The Espace a person signs in to, with the product's words (HYPERPLANNING's students: "Espace Étudiants"). */
export function espaceNameOf(product: string, population: Population): string {
  return product === "HYPERPLANNING" && population === "ELEVES" ? "Espace Étudiants" : ESPACE_NAMES[population];
}

export const ESPACE_NAMES: Record<Population, string> = {
  PERSONNELS: "Espace Personnels",
  PROFESSEURS: "Espace Professeurs",
  ELEVES: "Espace Élèves",
  RESPONSABLES: "Espace Parents",
};

/** The mobile app reaches only these Espaces (reference: qr-code-format.md). */
/** Kept with MOBILE_POPULATIONS (lib/letters/original-models.ts): the populations that have a QR code. */
export const MOBILE_ESPACE: Record<Population, MobileEspace | null> = {
  PERSONNELS: null,
  PROFESSEURS: "professeur",
  ELEVES: "eleve",
  RESPONSABLES: "parent",
};

const personSelect = {
  id: true,
  loginId: true,
  lastName: true,
  firstName: true,
  civility: true,
  email: true,
  groupName: true,
  passwordHash: true,
  planning: { select: { name: true, publicationName: true } },
} as const;

const userSelect = { id: true, loginId: true, lastName: true, firstName: true, civility: true, email: true, passwordHash: true } as const;

/** Rows a page of the recipients list shows: a page stays small whatever the school's size. */
export const RECIPIENTS_PAGE_SIZE = 50;

/** The controller's users are Personnels and have no class: a class filter leaves them out. */
const withUsers = (population: Population, filter: RecipientFilter) => population === "PERSONNELS" && !filter.group;

function passwordWhere(filter: RecipientFilter) {
  if (filter.password === "PROVISIONAL") return { passwordHash: null };
  if (filter.password === "PERSONALIZED") return { passwordHash: { not: null } };
  return {};
}

function peopleWhere(accountId: string, population: Population, filter: RecipientFilter) {
  return {
    accountId,
    population,
    ...(filter.group ? { groupName: filter.group } : {}),
    ...(filter.search ? { searchKey: { contains: fold(filter.search) } } : {}),
    ...passwordWhere(filter),
  };
}

function usersWhere(accountId: string, filter: RecipientFilter) {
  return { accountId, ...(filter.search ? { searchKey: { contains: fold(filter.search) } } : {}), ...passwordWhere(filter) };
}

const userOrder = [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }] as const;
const personOrder = [{ groupName: "asc" }, { lastName: "asc" }, { firstName: "asc" }, { id: "asc" }] as const;

function userSummary(u: {
  id: string;
  loginId: string;
  lastName: string;
  firstName: string;
  civility: string;
  email: string;
  passwordHash: string | null;
}): RecipientSummary {
  return {
    key: `user:${u.id}`,
    loginId: u.loginId,
    lastName: u.lastName,
    firstName: u.firstName,
    civility: u.civility,
    email: u.email,
    group: "",
    espace: "Console",
    personalized: u.passwordHash !== null,
  };
}

function personSummary(p: {
  id: string;
  loginId: string;
  lastName: string;
  firstName: string;
  civility: string;
  email: string;
  groupName: string;
  passwordHash: string | null;
  planning: { name: string; publicationName: string | null } | null;
}): RecipientSummary {
  return {
    key: `person:${p.id}`,
    loginId: p.loginId,
    lastName: p.lastName,
    firstName: p.firstName,
    civility: p.civility,
    email: p.email,
    group: p.groupName,
    espace: p.planning ? (p.planning.publicationName ?? p.planning.name) : "",
    personalized: p.passwordHash !== null,
  };
}

export type RecipientsPage = {
  rows: RecipientSummary[];
  page: number;
  pageCount: number;
  /** The whole population, and what the filter keeps of it (with an address, already personalized). */
  populationTotal: number;
  total: number;
  withEmail: number;
  personalized: number;
  groups: string[];
};

/**
 * One page of a population's recipients (controller users first, for Personnels, then the people
 * imported), filtered on the server: the page's size and its time do not grow with the school.
 */
export async function listRecipients(
  accountId: string,
  population: Population,
  filter: RecipientFilter = {},
  page = 1,
): Promise<RecipientsPage> {
  const users = withUsers(population, filter);
  const people = peopleWhere(accountId, population, filter);
  const usersOf = usersWhere(accountId, filter);
  const count = (where: object, extra: object) =>
    Promise.all([
      users ? db.controllerUser.count({ where: { ...usersOf, ...where } }) : 0,
      db.espacePerson.count({ where: { ...people, ...where, ...extra } }),
    ]).then(([a, b]) => a + b);
  const [userTotal, total, withEmail, personalized, populationTotal, groups] = await Promise.all([
    users ? db.controllerUser.count({ where: usersOf }) : 0,
    count({}, {}),
    count({ email: { not: "" } }, {}),
    filter.password === "PROVISIONAL" ? 0 : count({ passwordHash: { not: null } }, {}),
    Promise.all([
      population === "PERSONNELS" ? db.controllerUser.count({ where: { accountId } }) : 0,
      db.espacePerson.count({ where: { accountId, population } }),
    ]).then(([a, b]) => a + b),
    db.espacePerson.findMany({
      where: { accountId, population, groupName: { not: "" } },
      distinct: ["groupName"],
      select: { groupName: true },
      orderBy: { groupName: "asc" },
    }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / RECIPIENTS_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount);
  const offset = (current - 1) * RECIPIENTS_PAGE_SIZE;
  const userRows =
    users && offset < userTotal
      ? await db.controllerUser.findMany({
          where: usersOf,
          select: userSelect,
          orderBy: [...userOrder],
          skip: offset,
          take: RECIPIENTS_PAGE_SIZE,
        })
      : [];
  const left = RECIPIENTS_PAGE_SIZE - userRows.length;
  const personRows =
    left > 0
      ? await db.espacePerson.findMany({
          where: people,
          select: personSelect,
          orderBy: [...personOrder],
          skip: Math.max(0, offset - userTotal),
          take: left,
        })
      : [];
  return {
    rows: [...userRows.map(userSummary), ...personRows.map(personSummary)],
    page: current,
    pageCount,
    populationTotal,
    total,
    withEmail,
    personalized,
    groups: groups.map((g) => g.groupName),
  };
}

/** A sending's recipients: the keys ticked one by one, or everyone the list's filter keeps. */
export type RecipientSelection = { keys?: string[]; filter?: RecipientFilter };

/** Who a delivery is for, in the list's order. */
export type ChosenRecipient = { key: string; lastName: string; firstName: string; email: string; personalized: boolean };

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
  const chosen =
    (kind: "user" | "person") => (r: { id: string; lastName: string; firstName: string; email: string; passwordHash: string | null }) => ({
      key: `${kind}:${r.id}`,
      lastName: r.lastName,
      firstName: r.firstName,
      email: r.email,
      personalized: r.passwordHash !== null,
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
        db.espacePerson.findMany({ where: peopleWhere(accountId, population, filter), select: { ...select, groupName: true }, ...page(c) }),
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
    inSlices(personIds, (ids) => db.espacePerson.findMany({ where: { accountId, population, id: { in: ids } }, select })),
  ]);
  const byKey = new Map([...users.map(chosen("user")), ...people.map(chosen("person"))].map((r) => [r.key, r]));
  return keys.map((key) => byKey.get(key)).filter((r) => r !== undefined);
}

/** What a letter needs of one recipient, with the provisional password in clear (null once personalized). */
export type LetterRecipient = {
  key: string;
  holder: LetterHolder;
  loginId: string;
  lastName: string;
  firstName: string;
  civility: string;
  email: string;
  provisionalPassword: string | null;
  espaceName: string;
  espaceAddress: string;
  mobileEspace: MobileEspace | null;
  /** The class of a pupil (the recipient's block of the letter names it); "" for others. */
  group: string;
};

export function parseRecipientKey(key: string): { kind: "user" | "person"; id: string } | null {
  const match = /^(user|person):([A-Za-z0-9_-]{1,64})$/.exec(key);
  return match ? { kind: match[1] as "user" | "person", id: match[2] } : null;
}

/**
 * The recipients of `keys` that belong to the account and the population, in the order asked.
 * Keys of another account or population are simply not found: a letter never names them.
 */
export async function loadLetterRecipients(accountId: string, population: Population, keys: string[]): Promise<LetterRecipient[]> {
  const parsed = keys.map(parseRecipientKey).filter((k) => k !== null);
  const userIds = population === "PERSONNELS" ? parsed.filter((k) => k.kind === "user").map((k) => k.id) : [];
  const personIds = parsed.filter((k) => k.kind === "person").map((k) => k.id);
  const [account, users, people] = await Promise.all([
    db.hostingAccount.findUniqueOrThrow({
      where: { id: accountId },
      select: { product: true, rne: true, controller: { select: { port: true, domain: { select: { fqdn: true } } } } },
    }),
    inSlices(userIds, (ids) =>
      db.controllerUser.findMany({ where: { accountId, id: { in: ids } }, omit: { provisionalPasswordEnc: false } }),
    ),
    inSlices(personIds, (ids) =>
      db.espacePerson.findMany({
        where: { accountId, population, id: { in: ids } },
        omit: { provisionalPasswordEnc: false },
        include: { planning: { include: { domain: true } } },
      }),
    ),
  ]);
  const controllerAddress = userSignInUrl(account.controller?.domain?.fqdn, account.controller?.port);
  const byKey = new Map<string, LetterRecipient>();
  for (const u of users) {
    byKey.set(`user:${u.id}`, {
      key: `user:${u.id}`,
      holder: { kind: "user", id: u.id, accountId },
      loginId: u.loginId,
      lastName: u.lastName,
      firstName: u.firstName,
      civility: u.civility,
      email: u.email,
      provisionalPassword: u.provisionalPasswordEnc ? decryptProvisional(u.provisionalPasswordEnc) : null,
      espaceName: "Console d'hébergement",
      espaceAddress: controllerAddress,
      mobileEspace: null,
      group: "",
    });
  }
  for (const p of people) {
    const address = p.planning?.publicUrl ?? espacesAddress(account.product, p.planning?.domain?.fqdn ?? null, account.rne) ?? "";
    byKey.set(`person:${p.id}`, {
      key: `person:${p.id}`,
      holder: { kind: "person", id: p.id, accountId },
      loginId: p.loginId,
      lastName: p.lastName,
      firstName: p.firstName,
      civility: p.civility,
      email: p.email,
      provisionalPassword: p.provisionalPasswordEnc ? decryptProvisional(p.provisionalPasswordEnc) : null,
      espaceName: espaceNameOf(account.product, population),
      espaceAddress: address,
      mobileEspace: address ? MOBILE_ESPACE[population] : null,
      group: p.groupName,
    });
  }
  return keys.map((key) => byKey.get(key)).filter((r) => r !== undefined);
}
