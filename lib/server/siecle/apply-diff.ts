import "server-only";
import { clock } from "@/lib/clock";
import { randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { slices } from "@/lib/server/id-slices";
import { loginFor } from "@/lib/server/people/csv-import";
import { encryptProvisional, newProvisionalPassword } from "@/lib/server/security/provisional";
import { searchKeyOf } from "@/lib/search-key";
import type { IncomingPerson, SiecleDiff } from "./siecle-diff";

/** Logins for the arrivals, as the CSV import makes them ("zoe.dupont", then "zoe.dupont2"). */
export async function newLogins(accountId: string, people: IncomingPerson[]) {
  const [persons, users] = await Promise.all([
    db.espacePerson.findMany({ where: { accountId }, select: { loginKey: true } }),
    db.controllerUser.findMany({ where: { accountId }, select: { loginKey: true } }),
  ]);
  const taken = new Set([...persons, ...users].map((p) => p.loginKey));
  return people.map((person) => {
    const base = loginFor(person.firstName, person.lastName);
    let login = base;
    for (let n = 2; taken.has(login); n++) login = `${base}${n}`;
    taken.add(login);
    return login;
  });
}

type Target = { accountId: string; planningId: string; source: "SIECLE" | "STSWEB" };

/** 50 rows a statement: 21 values each stay far below SQLite's 999. */
async function insertArrivals(tx: Tx, target: Target, people: IncomingPerson[], logins: string[]) {
  const now = clock.now();
  for (let from = 0; from < people.length; from += 50) {
    const values = people.slice(from, from + 50).map((p, i) => {
      const loginId = logins[from + i];
      return Prisma.sql`(${randomUUID()}, ${target.accountId}, ${p.population}, ${loginId}, ${loginId}, ${p.lastName}, ${p.firstName}, ${p.civility}, ${p.email ?? ""}, ${p.groupName}, ${target.planningId}, ${encryptProvisional(newProvisionalPassword())}, ${searchKeyOf({ ...p, loginId })}, ${now}, ${target.source}, ${p.nationalKey}, ${p.mobile ?? ""}, ${p.acceptsSms ?? false}, ${p.postalAddress ?? ""}, ${p.householdKey ?? ""}, ${p.subjects ?? ""}, ${p.birthDate ?? ""})`;
    });
    await tx.$executeRaw`INSERT INTO "EspacePerson" ("id", "accountId", "population", "loginId", "loginKey", "lastName", "firstName", "civility", "email", "groupName", "planningId", "provisionalPasswordEnc", "searchKey", "createdAt", "source", "nationalKey", "mobile", "acceptsSms", "postalAddress", "householdKey", "subjects", "birthDate") VALUES ${Prisma.join(values)}`;
  }
}

/**
 * A national file's diff written in the transaction `tx`: the arrivals created with their logins,
 * the changed and returning people updated (login and personalized password untouched), the
 * departed deactivated — kept, sent nothing.
 */
export async function applyDiff(tx: Tx, target: Target, diff: SiecleDiff, logins: string[]) {
  await insertArrivals(tx, target, diff.arrivals, logins);
  for (const { stored, incoming, adopted } of [...diff.changes, ...diff.returns]) {
    const { population: _population, nationalKey, ...fields } = incoming;
    await tx.espacePerson.update({
      where: { id: stored.id },
      data: {
        ...fields,
        ...(adopted ? { nationalKey } : {}),
        source: target.source,
        leftAt: null,
        searchKey: searchKeyOf({ ...incoming, loginId: stored.loginId }),
      },
    });
  }
  const now = clock.now();
  for (const ids of slices(diff.departures.map((d) => d.id))) {
    await tx.espacePerson.updateMany({ where: { accountId: target.accountId, id: { in: ids } }, data: { leftAt: now } });
  }
}

/** What the report lists of a diff, 200 at most each. */
export function diffLists(diff: SiecleDiff) {
  const SHOWN = 200;
  const nameOf = (p: { lastName: string; firstName: string }) => `${p.lastName} ${p.firstName}`;
  const count = (population: string, list: { population: string }[]) => list.filter((p) => p.population === population).length;
  return {
    counts: (population: string) => ({
      arrivals: count(population, diff.arrivals),
      departures: count(population, diff.departures),
      changes: count(
        population,
        diff.changes.map((c) => c.incoming),
      ),
      returns: count(
        population,
        diff.returns.map((c) => c.incoming),
      ),
    }),
    unchanged: diff.unchanged,
    /** Said before the files' own problems. */
    notes: diff.ambiguous.map(
      (p) =>
        `Plusieurs personnes déjà dans la console s'appellent ${nameOf(p)} : aucune n'est reconnue, ${nameOf(p)} est importé(e) comme une nouvelle personne.`,
    ),
    arrivals: diff.arrivals.slice(0, SHOWN).map((p) => ({ population: p.population, name: nameOf(p), group: p.groupName })),
    departures: diff.departures.slice(0, SHOWN).map((p) => ({ population: p.population, name: nameOf(p), loginId: p.loginId })),
    changes: [...diff.returns, ...diff.changes]
      .slice(0, SHOWN)
      .map((c) => ({ population: c.stored.population, name: nameOf(c.stored), loginId: c.stored.loginId, said: c.said.join(", ") })),
  };
}

export const SHOWN_PROBLEMS = 200;
