import "server-only";
import { db } from "@/lib/db";
import type { Population } from "@/lib/letters/original-models";
import { espacesAddress } from "@/lib/products";
import { consoleUrl } from "@/lib/server/app-url";
import { decryptProvisional } from "@/lib/server/security/provisional";
import type { MobileEspace } from "./qr-payload";
import type { LetterHolder } from "./letter-tokens";

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

export const ESPACE_NAMES: Record<Population, string> = {
  PERSONNELS: "Espace Personnels",
  PROFESSEURS: "Espace Professeurs",
  ELEVES: "Espace Élèves",
  RESPONSABLES: "Espace Parents",
};

/** The mobile app reaches only these Espaces (reference: qr-code-format.md). */
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

export async function listRecipients(accountId: string, population: Population): Promise<RecipientSummary[]> {
  const [users, people] = await Promise.all([
    population === "PERSONNELS"
      ? db.controllerUser.findMany({
          where: { accountId },
          select: { id: true, loginId: true, lastName: true, firstName: true, civility: true, email: true, passwordHash: true },
          orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
        })
      : [],
    db.espacePerson.findMany({
      where: { accountId, population },
      select: personSelect,
      orderBy: [{ groupName: "asc" }, { lastName: "asc" }, { firstName: "asc" }],
    }),
  ]);
  return [
    ...users.map((u) => ({
      key: `user:${u.id}`,
      loginId: u.loginId,
      lastName: u.lastName,
      firstName: u.firstName,
      civility: u.civility,
      email: u.email,
      group: "",
      espace: "Console",
      personalized: u.passwordHash !== null,
    })),
    ...people.map((p) => ({
      key: `person:${p.id}`,
      loginId: p.loginId,
      lastName: p.lastName,
      firstName: p.firstName,
      civility: p.civility,
      email: p.email,
      group: p.groupName,
      espace: p.planning ? (p.planning.publicationName ?? p.planning.name) : "",
      personalized: p.passwordHash !== null,
    })),
  ];
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
      select: { product: true, rne: true, controller: { select: { domain: { select: { fqdn: true } } } } },
    }),
    userIds.length
      ? db.controllerUser.findMany({
          where: { accountId, id: { in: userIds } },
          omit: { provisionalPasswordEnc: false },
        })
      : [],
    personIds.length
      ? db.espacePerson.findMany({
          where: { accountId, population, id: { in: personIds } },
          omit: { provisionalPasswordEnc: false },
          include: { planning: { include: { domain: true } } },
        })
      : [],
  ]);
  const controllerAddress = `${consoleUrl()}/espace/connexion?controleur=${encodeURIComponent(account.controller?.domain?.fqdn ?? "")}`;
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
    });
  }
  for (const p of people) {
    const address =
      p.planning?.publicUrl ?? espacesAddress(account.product, p.planning?.domain?.fqdn ?? null, account.rne) ?? "";
    byKey.set(`person:${p.id}`, {
      key: `person:${p.id}`,
      holder: { kind: "person", id: p.id, accountId },
      loginId: p.loginId,
      lastName: p.lastName,
      firstName: p.firstName,
      civility: p.civility,
      email: p.email,
      provisionalPassword: p.provisionalPasswordEnc ? decryptProvisional(p.provisionalPasswordEnc) : null,
      espaceName: ESPACE_NAMES[population],
      espaceAddress: address,
      mobileEspace: address ? MOBILE_ESPACE[population] : null,
    });
  }
  return keys.map((key) => byKey.get(key)).filter((r) => r !== undefined);
}
