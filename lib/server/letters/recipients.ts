import "server-only";
import { db } from "@/lib/db";
import type { Population } from "@/lib/letters/original-models";
import type { MobileEspace } from "./qr-payload";
import { enabledEnt, entOnly, entOnlyWhere } from "@/lib/server/planning/ent-settings";
import { RECORD_SOURCES, type RecipientFilter } from "@/lib/letters/recipient-filter";
import { peopleWhere, usersWhere, withUsers } from "./recipients-where";

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
  /** SIECLE, STSWEB, CSV or Saisie. */
  source: string;
  /** A responsable's pupils, "NOM Prénom (classe)", and his postal address on one line. */
  responsableOf: string;
  address: string;
  /** A mobile number, and SMS accepted (SIECLE's ACCEPTE_SMS): "Connexion des … (SMS)" reaches him. */
  sms: boolean;
  /** Signs in through his Espace's ENT only: his letter carries no password, no QR code. */
  ent: boolean;
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
  source: true,
  postalAddress: true,
  mobile: true,
  acceptsSms: true,
  directSignIn: true,
  casId: true,
  population: true,
  planning: { select: { name: true, publicationName: true, entSettings: true } },
  pupilsOf: { select: { pupil: { select: { lastName: true, firstName: true, groupName: true } } }, take: 6 },
} as const;

const userSelect = { id: true, loginId: true, lastName: true, firstName: true, civility: true, email: true, passwordHash: true } as const;

/** Whom an SMS reaches: a mobile number, and SMS accepted. */
export const SMS_REACHABLE = { mobile: { not: "" }, acceptsSms: true } as const;

/** Rows a page of the recipients list shows: a page stays small whatever the school's size. */
export const RECIPIENTS_PAGE_SIZE = 50;

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
    source: RECORD_SOURCES.SAISIE,
    responsableOf: "",
    address: "",
    sms: false,
    ent: false,
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
  source: string;
  postalAddress: string;
  mobile: string;
  acceptsSms: boolean;
  directSignIn: boolean;
  casId: string;
  population: string;
  planning: { name: string; publicationName: string | null; entSettings: string } | null;
  pupilsOf: { pupil: { lastName: string; firstName: string; groupName: string } }[];
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
    source: RECORD_SOURCES[p.source as keyof typeof RECORD_SOURCES] ?? p.source,
    responsableOf: p.pupilsOf
      .map(({ pupil }) => `${pupil.lastName.toLocaleUpperCase("fr")} ${pupil.firstName}${pupil.groupName ? ` (${pupil.groupName})` : ""}`)
      .join(", "),
    address: p.postalAddress.split("\n").join(", "),
    sms: p.mobile !== "" && p.acceptsSms,
    ent: entOnly(enabledEnt(p.planning?.entSettings ?? ""), p),
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
  withSms: number;
  personalized: number;
  /** Who signs in through the ENT only: letters without password nor QR code. */
  throughEnt: number;
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
  const ent = await entOnlyWhere(accountId, population);
  const [userTotal, total, withEmail, withSms, personalized, throughEnt, populationTotal, groups] = await Promise.all([
    users ? db.controllerUser.count({ where: usersOf }) : 0,
    count({}, {}),
    count({ email: { not: "" } }, {}),
    db.espacePerson.count({ where: { ...people, ...SMS_REACHABLE } }),
    filter.password === "PROVISIONAL" || filter.notActivated ? 0 : count({ passwordHash: { not: null } }, {}),
    ent ? db.espacePerson.count({ where: { AND: [people, ent] } }) : 0,
    Promise.all([
      population === "PERSONNELS" ? db.controllerUser.count({ where: { accountId } }) : 0,
      db.espacePerson.count({ where: { accountId, population, leftAt: null } }),
    ]).then(([a, b]) => a + b),
    // The responsables are filtered by their pupils' classes.
    db.espacePerson.findMany({
      where: { accountId, population: population === "RESPONSABLES" ? "ELEVES" : population, leftAt: null, groupName: { not: "" } },
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
    withSms,
    personalized,
    throughEnt,
    // A teacher's "6A, 8A" are two classes.
    groups: [...new Set(groups.flatMap((g) => g.groupName.split(", ")))].sort((a, b) => a.localeCompare(b, "fr", { numeric: true })),
  };
}
