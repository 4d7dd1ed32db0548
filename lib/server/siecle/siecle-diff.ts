import "server-only";
import { db } from "@/lib/db";
import { fold } from "@/lib/search-key";
import type { SiecleAddress } from "./siecle-files";
import type { SiecleImportPlan } from "./siecle-plan";

/** A person of the file as the console keeps him. */
export type IncomingPerson = {
  population: "ELEVES" | "RESPONSABLES" | "PROFESSEURS";
  nationalKey: string;
  lastName: string;
  firstName: string;
  civility: string;
  groupName: string;
  /** undefined: the file does not say (SIECLE gives pupils no address): what the account holds is kept. */
  email?: string;
  mobile?: string;
  acceptsSms?: boolean;
  postalAddress?: string;
  householdKey?: string;
  /** A teacher's subjects, ", " between them. */
  subjects?: string;
  /** A pupil's DATE_NAISS (dd/mm/yyyy): what an ENT's identity is matched by. */
  birthDate?: string;
};

export type StoredPerson = Awaited<ReturnType<typeof storedPeople>>[number];

/** The postal address on its lines, as an envelope shows it. */
export function addressLines(address: SiecleAddress | null): string {
  if (!address) return "";
  const country = address.country && address.country.toUpperCase() !== "FRANCE" ? [address.country] : [];
  return [...address.lines, `${address.postalCode} ${address.city}`.trim(), ...country].filter(Boolean).join("\n");
}

/** The people of the plan in the console's words: pupils with their class, responsables with their address. */
export function incomingPeople(plan: SiecleImportPlan): IncomingPerson[] {
  return [
    ...plan.pupils.map(
      (p): IncomingPerson => ({
        population: "ELEVES",
        nationalKey: p.eleveId,
        lastName: p.lastName,
        firstName: p.firstName,
        civility: "",
        groupName: p.className,
        birthDate: p.birthDate,
      }),
    ),
    ...plan.responsables.map(
      (r): IncomingPerson => ({
        population: "RESPONSABLES",
        nationalKey: r.personneId,
        lastName: r.lastName,
        firstName: r.firstName,
        civility: r.civility,
        groupName: "",
        email: r.email,
        mobile: r.mobile,
        acceptsSms: r.acceptsSms,
        postalAddress: addressLines(r.address),
        householdKey: r.address ? `siecle:${r.addressId}` : "",
      }),
    ),
  ];
}

/** The account's pupils and responsables, with what a yearly file may change of them. */
export function storedPeople(accountId: string) {
  return db.espacePerson.findMany({
    where: { accountId, population: { in: ["ELEVES", "RESPONSABLES", "PROFESSEURS"] } },
    select: {
      id: true,
      population: true,
      nationalKey: true,
      source: true,
      loginId: true,
      lastName: true,
      firstName: true,
      civility: true,
      groupName: true,
      email: true,
      mobile: true,
      acceptsSms: true,
      postalAddress: true,
      householdKey: true,
      subjects: true,
      birthDate: true,
      leftAt: true,
    },
  });
}

const LABELS = {
  lastName: "nom",
  firstName: "prénom",
  civility: "civilité",
  groupName: "classe",
  email: "e-mail",
  mobile: "portable",
  subjects: "matières",
  birthDate: "date de naissance",
} as const;
const COMPARED = [
  "lastName",
  "firstName",
  "civility",
  "groupName",
  "email",
  "mobile",
  "acceptsSms",
  "postalAddress",
  "householdKey",
  "subjects",
  "birthDate",
] as const;

/** `adopted`: a person imported by CSV or typed in, recognised by name: he takes the file's national key. */
export type SiecleChange = { stored: StoredPerson; incoming: IncomingPerson; said: string[]; adopted?: boolean };

export type SiecleDiff = {
  arrivals: IncomingPerson[];
  /** Back in the file after a departure: active again, login and password as they were. */
  returns: SiecleChange[];
  changes: SiecleChange[];
  unchanged: number;
  /** Imported from SIECLE before, absent from this file: to deactivate. */
  departures: StoredPerson[];
  /** Arrivals whose name several people imported by CSV bear: none of them is taken for him. */
  ambiguous: IncomingPerson[];
};

const SOURCE_WORDS: Record<string, string> = { CSV: "importé(e) par CSV", SAISIE: "saisi(e) dans la console" };
const nameKey = (p: { population: string; lastName: string; firstName: string }) =>
  `${p.population}:${fold(p.lastName)}:${fold(p.firstName)}`;

function byName(people: StoredPerson[]) {
  const map = new Map<string, StoredPerson[]>();
  for (const p of people) map.set(nameKey(p), [...(map.get(nameKey(p)) ?? []), p]);
  return map;
}

/**
 * Who arrives, leaves or changes, matched by the national key (ELEVE_ID, PERSONNE_ID, INDIVIDU/@ID)
 * within each population: a name or a class may change, the key does not. Departures are counted
 * only among the people the same national system brought (`source`) in the populations the files
 * cover (a pupils' file alone says nothing of the responsables); people entered by hand or by CSV
 * never leave by a file.
 */
export function diffPeople(incoming: IncomingPerson[], stored: StoredPerson[], covered: string[], source: "SIECLE" | "STSWEB"): SiecleDiff {
  const byKey = new Map(stored.filter((s) => s.nationalKey).map((s) => [`${s.population}:${s.nationalKey}`, s]));
  const unkeyed = byName(stored.filter((s) => !s.nationalKey && !s.leftAt));
  const seen = new Set<string>();
  const diff: SiecleDiff = { arrivals: [], returns: [], changes: [], unchanged: 0, departures: [], ambiguous: [] };
  for (const person of incoming) {
    const key = `${person.population}:${person.nationalKey}`;
    seen.add(key);
    let found = byKey.get(key);
    let adopted = false;
    if (!found) {
      // Imported by CSV (or typed in) before the first national file: the same person, not a second one.
      const candidates = unkeyed.get(nameKey(person)) ?? [];
      const sameClass = candidates.filter((c) => !person.groupName || !c.groupName || c.groupName === person.groupName);
      if (sameClass.length === 1) {
        found = sameClass[0];
        adopted = true;
        unkeyed.set(
          nameKey(person),
          candidates.filter((c) => c !== found),
        );
      } else {
        if (sameClass.length > 1) diff.ambiguous.push(person);
        diff.arrivals.push(person);
        continue;
      }
    }
    const said: string[] = [];
    let changed = false;
    for (const field of COMPARED) {
      const value = person[field];
      if (value === undefined || value === found[field]) continue;
      changed = true;
      if (field in LABELS) said.push(`${LABELS[field as keyof typeof LABELS]} ${found[field] || "—"} → ${value || "—"}`);
      else if (field === "postalAddress") said.push("adresse postale");
    }
    if (adopted)
      diff.changes.push({
        stored: found,
        incoming: person,
        said: [`reconnu(e) : ${SOURCE_WORDS[found.source] ?? found.source}`, ...said],
        adopted,
      });
    else if (found.leftAt) diff.returns.push({ stored: found, incoming: person, said: ["de retour", ...said] });
    else if (changed) diff.changes.push({ stored: found, incoming: person, said });
    else diff.unchanged++;
  }
  diff.departures = stored.filter(
    (s) =>
      covered.includes(s.population) && s.source === source && s.nationalKey && !s.leftAt && !seen.has(`${s.population}:${s.nationalKey}`),
  );
  return diff;
}
