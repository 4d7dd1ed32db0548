import "server-only";
import { clock } from "@/lib/clock";
import { randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Population } from "@/lib/letters/original-models";
import { AppError, isUniqueViolation, notFound } from "@/lib/server/errors";
import { encryptProvisional, newProvisionalPassword } from "@/lib/server/security/provisional";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { searchKeyOf } from "@/lib/search-key";
import { analysePeopleCsv, personKey, type Mapping } from "./csv-import";
import type { Actor } from "@/lib/server/actor";

/**
 * What the file is checked against: logins in use in the account (the controller's users'
 * included: one name, one person) and the people already in the population.
 */
async function existing(accountId: string, population: Population) {
  const [people, users] = await Promise.all([
    db.espacePerson.findMany({
      where: { accountId },
      select: { loginKey: true, population: true, lastName: true, firstName: true, groupName: true },
    }),
    db.controllerUser.findMany({ where: { accountId }, select: { loginKey: true } }),
  ]);
  return {
    existingLoginKeys: new Set([...people, ...users].map((p) => p.loginKey)),
    existingPeople: new Set(people.filter((p) => p.population === population).map((p) => personKey({ ...p, group: p.groupName }))),
  };
}

/** The Espace people sign in to is a planning of the account that publishes on the Internet. */
export async function espacePlanning(accountId: string, planningId: string) {
  const planning = await db.planning.findFirst({
    where: { id: planningId, accountId },
    select: { id: true, netLicence: true, name: true },
  });
  if (!planning) throw notFound();
  if (!planning.netLicence) {
    throw new AppError("NO_NET", `Le planning ${planning.name} n'a pas de licence .net : ses Espaces ne sont pas publiés.`, "planningId");
  }
  return planning;
}

export type ImportInput = { population: Population; planningId: string; bytes: Buffer; mapping?: Mapping };

/** The report the mapping step shows: nothing is written. */
export async function previewPeopleImport(ctx: Actor, input: ImportInput) {
  await espacePlanning(ctx.accountId, input.planningId);
  const report = analysePeopleCsv(input.bytes, { mapping: input.mapping, ...(await existing(ctx.accountId, input.population)) });
  return {
    encoding: report.encoding,
    header: report.header,
    mapping: report.mapping,
    acceptedCount: report.accepted.length,
    sample: report.accepted.slice(0, 5),
    refused: report.refused,
  };
}

type PersonRow = {
  accountId: string;
  population: string;
  planningId: string;
  loginId: string;
  loginKey: string;
  lastName: string;
  firstName: string;
  civility: string;
  email: string;
  groupName: string;
  searchKey: string;
  provisionalPasswordEnc: string;
};

/**
 * Multi-row INSERTs of 70 people (14 values each, under SQLite's ~999): Prisma's createMany took
 * 2.5 of the 2.7 s of 5,000 people (its rows are mapped one by one in JavaScript).
 */
async function insertPeople(tx: Tx, rows: PersonRow[]) {
  const now = clock.now();
  for (let from = 0; from < rows.length; from += 70) {
    const values = rows
      .slice(from, from + 70)
      .map(
        (r) =>
          Prisma.sql`(${randomUUID()}, ${r.accountId}, ${r.population}, ${r.loginId}, ${r.loginKey}, ${r.lastName}, ${r.firstName}, ${r.civility}, ${r.email}, ${r.groupName}, ${r.planningId}, ${r.provisionalPasswordEnc}, ${r.searchKey}, ${now}, 'CSV')`,
      );
    await tx.$executeRaw`INSERT INTO "EspacePerson" ("id", "accountId", "population", "loginId", "loginKey", "lastName", "firstName", "civility", "email", "groupName", "planningId", "provisionalPasswordEnc", "searchKey", "createdAt", "source") VALUES ${Prisma.join(values)}`;
  }
}

/**
 * Imports the accepted rows of a population's file in one transaction, each person with a
 * provisional password; the refused rows come back with their reasons. A parallel import that
 * took one of the logins first makes this one change nothing.
 */
export async function importPeople(ctx: Actor, input: ImportInput) {
  const { population, planningId } = input;
  await espacePlanning(ctx.accountId, planningId);
  const report = analysePeopleCsv(input.bytes, { mapping: input.mapping, ...(await existing(ctx.accountId, population)) });
  const rows = report.accepted.map((row) => ({
    accountId: ctx.accountId,
    population,
    planningId,
    loginId: row.loginId,
    loginKey: row.loginId.toLowerCase(),
    lastName: row.lastName,
    firstName: row.firstName,
    civility: row.civility,
    email: row.email,
    groupName: row.group,
    searchKey: searchKeyOf(row),
    provisionalPasswordEnc: encryptProvisional(newProvisionalPassword()),
  }));
  try {
    await db.$transaction(async (tx) => {
      await insertPeople(tx, rows);
      await recordAuditEvent(
        { ...ctx, action: "people.import", detail: `${population} : ${rows.length} importés, ${report.refused.length} refusés` },
        tx,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        "IMPORT_RACE",
        "Un autre import vient d'ajouter certains de ces identifiants : rien n'a été importé, relancez l'import.",
      );
    }
    throw error;
  }
  return { imported: rows.length, refused: report.refused, encoding: report.encoding };
}
