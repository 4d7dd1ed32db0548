import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { accountVersion, preVersionWindow, schoolYearVersion } from "@/lib/product-version";
import { requestPreVersion } from "@/lib/server/hosting-account/request-pre-version";
import { formatParamClient, paramClientOf } from "@/lib/server/client/param-client";
import { newAccount, readyAccount } from "./support/fixtures";

const ctx = (accountId: string) => ({ accountId, actor: "responsable", ip: "127.0.0.1" });
const day = (iso: string) => new Date(`${iso}T10:00:00Z`);

describe("F11 Changement de version", () => {
  it("runs version Y from September Y and opens the pre-version from 1 July", () => {
    expect(schoolYearVersion(day("2026-11-22"))).toBe(2026);
    expect(schoolYearVersion(day("2027-08-31"))).toBe(2026);
    expect(schoolYearVersion(day("2027-09-01"))).toBe(2027);
    expect(preVersionWindow(day("2026-11-22"))).toMatchObject({ version: 2027, open: false });
    expect(preVersionWindow(day("2027-06-30"))).toMatchObject({ version: 2027, open: false });
    expect(preVersionWindow(day("2027-07-01"))).toMatchObject({ version: 2027, open: true });
    expect(preVersionWindow(day("2027-08-31"))).toMatchObject({ version: 2027, open: true });
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
    expect(accountVersion(account, day("2028-09-02"))).toBe("2028");
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
