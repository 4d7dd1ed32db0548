import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { accountVersion, preVersionWindow, schoolYearVersion } from "@/lib/product-version";
import { formatYearlyMoment, parisInstant, schoolYearAt, schoolYearLabel, yearArchiveOn, yearChangeOn } from "@/lib/school-calendar";
import { requestPreVersion } from "@/lib/server/hosting-account/request-pre-version";
import { formatParamClient, paramClientOf } from "@/lib/server/client/param-client";
import { newAccount, readyAccount } from "./support/fixtures";

const ctx = (accountId: string) => ({ accountId, actor: "responsable", ip: "127.0.0.1" });
const day = (iso: string) => new Date(`${iso}T10:00:00Z`);

describe("F11 Changement de version", () => {
  it("runs version Y from the end-of-August change of Y (Paris time) and opens the pre-version from the July archive", () => {
    expect(schoolYearVersion(day("2026-11-22"))).toBe(2026);
    expect(schoolYearVersion(day("2027-08-24"))).toBe(2026);
    // 25 August 02:00 in Paris is 00:00 UTC (summer time): a minute before, still 2026.
    expect(schoolYearVersion(new Date("2027-08-24T23:59:00Z"))).toBe(2026);
    expect(schoolYearVersion(new Date("2027-08-25T00:00:00Z"))).toBe(2027);
    expect(schoolYearVersion(day("2027-09-01"))).toBe(2027);
    expect(preVersionWindow(day("2026-11-22"))).toMatchObject({ version: 2027, open: false });
    expect(preVersionWindow(day("2027-06-30"))).toMatchObject({ version: 2027, open: false });
    // 1 July 02:00 in Paris is 00:00 UTC.
    expect(preVersionWindow(new Date("2027-06-30T23:59:00Z"))).toMatchObject({ version: 2027, open: false });
    expect(preVersionWindow(new Date("2027-07-01T00:00:00Z"))).toMatchObject({ version: 2027, open: true });
    expect(preVersionWindow(day("2027-08-24"))).toMatchObject({ version: 2027, open: true });
    expect(preVersionWindow(day("2027-08-26"))).toMatchObject({ version: 2028, open: false });
  });

  it("reads the yearly dates on the Paris wall clock, in winter and summer time, and as the settings move them", () => {
    expect(parisInstant(2027, { month: 1, day: 15, hour: 2, minute: 0 }).toISOString()).toBe("2027-01-15T01:00:00.000Z");
    expect(parisInstant(2027, { month: 7, day: 1, hour: 2, minute: 0 }).toISOString()).toBe("2027-07-01T00:00:00.000Z");
    const moved = { YEAR_CHANGE_AT: "08-30 06:30", YEAR_ARCHIVE_AT: "07-08 03:00" };
    expect(yearChangeOn(2027, moved).toISOString()).toBe("2027-08-30T04:30:00.000Z");
    expect(yearArchiveOn(2027, moved).toISOString()).toBe("2027-07-08T01:00:00.000Z");
    expect(schoolYearAt(day("2027-08-29"), moved)).toBe(2026);
    expect(schoolYearAt(day("2027-08-31"), moved)).toBe(2027);
    // An unreadable setting falls back to the guide's dates.
    expect(yearChangeOn(2027, { YEAR_CHANGE_AT: "fin août" }).toISOString()).toBe("2027-08-25T00:00:00.000Z");
    expect(schoolYearLabel(2026)).toBe("2026-2027");
    // A moment written back as the settings take it reads as itself.
    expect(formatYearlyMoment(new Date("2027-07-08T01:05:00Z"))).toBe("07-08 03:05");
    expect(yearArchiveOn(2027, { YEAR_ARCHIVE_AT: formatYearlyMoment(new Date("2027-01-15T01:00:00Z")) }).toISOString()).toBe(
      "2027-01-15T01:00:00.000Z",
    );
  });

  it("refuses the request before July, records it once in July, and the account then runs the pre-version", async () => {
    const { accountId } = await newAccount();
    await expect(requestPreVersion(ctx(accountId), day("2026-11-22"))).rejects.toThrow(
      "Le passage à la préversion 2027 pourra être demandé à partir du 1er juillet 2027.",
    );
    expect(await requestPreVersion(ctx(accountId), day("2027-07-03"))).toEqual({ version: "2027" });
    expect(await requestPreVersion(ctx(accountId), day("2027-07-04"))).toEqual({ version: "2027" });
    const account = await db.hostingAccount.findUniqueOrThrow({ where: { id: accountId } });
    expect(account.preVersion).toBe("2027");
    expect(account.preVersionRequestedAt).toEqual(day("2027-07-03"));
    expect(accountVersion(account, day("2027-07-05"))).toBe("2027");
    // The account opened in the version of its year, and only the end-of-August change moves it on:
    // a year later, without it, it still runs the pre-version it asked for.
    expect(account.version).toBe(String(schoolYearVersion(new Date())));
    expect(accountVersion(account, day("2028-09-02"))).toBe("2027");
    expect(accountVersion({ ...account, version: "2028" }, day("2028-09-02"))).toBe("2028");
    // An account older than the record runs the calendar's.
    expect(accountVersion({ preVersion: null, version: null }, day("2028-09-02"))).toBe("2028");
    expect(await db.auditEvent.count({ where: { accountId, action: "account.pre-version" } })).toBe(1);
  });
});

describe("F10 ParamClient", () => {
  it("carries the controller's domain and TCP port, the product and the account, and no password", async () => {
    const account = await readyAccount("HYPERPLANNING");
    const controller = await db.controller.findUniqueOrThrow({ where: { accountId: account.accountId }, include: { domain: true } });
    const text = await paramClientOf(ctx(account.accountId));
    expect(text).toContain(`\r\nAdresse=${controller.domain!.fqdn}\r\n`);
    expect(text).toContain("\r\nPortTCP=21200\r\n");
    expect(text).toContain("\r\nProduit=HYPERPLANNING\r\n");
    expect(text).toContain(`\r\nCompteHebergement=${account.hostingNumber}\r\n`);
    expect(text).not.toContain(account.consolePassword);
    expect(text).not.toContain(account.invoiceNumber);
  });

  it("keeps every value on its line", () => {
    const text = formatParamClient({
      product: "PRONOTE",
      version: "2026",
      hostingNumber: "123456789012",
      establishment: "Lycée\r\n[Connexion]\r\nAdresse=pirate.example",
      controllerDomain: "lycee.index-education.net",
      controllerPort: 21200,
    });
    expect(text.match(/^Adresse=/gm)).toHaveLength(1);
    expect(text).toContain("Etablissement=Lycée [Connexion] Adresse=pirate.example");
  });

  it("is refused, with the step named, before the controller has a domain", async () => {
    const { accountId } = await newAccount();
    await expect(paramClientOf(ctx(accountId))).rejects.toThrow(/Fiche n°3/);
  });
});
