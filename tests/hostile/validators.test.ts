// Every validator of a request runs in linear time, its length bound first. Before, the CSV import's
// e-mail pattern backtracked quadratically: one 30,000-character cell held the instance 2.4–3.1 s.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as base from "@/lib/schemas/base";
import * as configuration from "@/lib/schemas/configuration";
import * as delegatedAuth from "@/lib/schemas/delegated-auth";
import * as hostingAccount from "@/lib/schemas/hosting-account";
import * as letters from "@/lib/schemas/letters";
import * as peopleImport from "@/lib/schemas/people-import";
import * as sendingAccount from "@/lib/schemas/sending-account";
import * as user from "@/lib/schemas/user";
import { analysePeopleCsv, plausibleEmail } from "@/lib/server/people/csv-import";

/** Texts that make backtracking patterns explode, 30,000 characters each. */
const HOSTILE = [
  "a".repeat(30_000),
  "a@".repeat(15_000),
  "a.".repeat(15_000),
  "@a.".repeat(10_000),
  // What made the CSV's e-mail pattern quadratic (711 ms for this one, seconds for longer cells).
  `a@${"a.".repeat(15_000)}@`,
  `a@${"a.".repeat(15_000)} `,
  " ".repeat(30_000),
  "-1".repeat(15_000),
  "é".repeat(30_000),
];

function timeMs(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const schemas = Object.entries({
  ...base,
  ...configuration,
  ...delegatedAuth,
  ...hostingAccount,
  ...letters,
  ...peopleImport,
  ...sendingAccount,
  ...user,
}).filter(([, value]) => value instanceof z.ZodType) as [string, z.ZodType][];

describe("Validators", () => {
  it("are all here to be timed", () => {
    expect(schemas.length).toBeGreaterThan(20);
  });

  it.each(schemas.map(([name, schema]) => [name, schema] as const))(
    "%s answers a 30,000-character text in under 20 ms",
    (_name, schema) => {
      // The text in every field of an object, or as the value itself.
      const shapeOf = (text: string) =>
        schema instanceof z.ZodObject ? Object.fromEntries(Object.keys(schema.shape).map((key) => [key, text])) : text;
      schema.safeParse(shapeOf("x")); // once for what a validator builds on first use (the time zones' list)
      for (const text of HOSTILE) expect(timeMs(() => schema.safeParse(shapeOf(text)))).toBeLessThan(20);
    },
  );

  it("checks a CSV e-mail in one pass", () => {
    for (const text of HOSTILE) expect(timeMs(() => plausibleEmail(text))).toBeLessThan(5);
    expect(plausibleEmail("lisa.boulanger@ecole.fr")).toBe(true);
    for (const wrong of ["lisa", "lisa@ecole", "@ecole.fr", "lisa@@ecole.fr", "lisa @ecole.fr", "lisa@ecole.", "lisa@.fr"])
      expect(plausibleEmail(wrong)).toBe(false);
  });

  it("imports a file whose e-mail cell is 30,000 characters long in under 200 ms, refusing that row in French", () => {
    const csv = Buffer.from(
      `Nom;Prénom;Identifiant;Adresse e-mail\nBoulanger;Lisa;lisa.b;a@${"a.".repeat(15_000)}@\nMartin;Paul;paul.m;paul@ecole.fr\n`,
    );
    let analysis!: ReturnType<typeof analysePeopleCsv>;
    expect(timeMs(() => (analysis = analysePeopleCsv(csv, { existingLoginKeys: new Set() })))).toBeLessThan(200);
    expect(analysis.accepted).toHaveLength(1);
    expect(analysis.refused[0].reasons.join()).toContain("adresse e-mail invalide");
  });
});
