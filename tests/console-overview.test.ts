import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getConsoleOverview } from "@/lib/server/hosting-account/get-console-overview";
import { readyAccount } from "./support/fixtures";

const field = { select: { fqdn: true } } as const;

/** The same reading through Prisma's query API: what the two statements must give, type for type. */
function throughPrisma(accountId: string) {
  return db.hostingAccount.findUniqueOrThrow({
    where: { id: accountId },
    select: {
      id: true,
      product: true,
      establishment: true,
      rne: true,
      hostingNumber: true,
      responsibleName: true,
      responsibleEmail: true,
      licensedPlannings: true,
      licensedConnections: true,
      licenceAcceptedAt: true,
      licenceVersion: true,
      preVersion: true,
      preVersionRequestedAt: true,
      version: true,
      controller: {
        select: {
          id: true,
          status: true,
          port: true,
          allowedMeasures: true,
          pinMinLength: true,
          passwordMinLength: true,
          ldapSettings: true,
          casSettings: true,
          wsfedSettings: true,
          samlSettings: true,
          requireSecondFactor: true,
          domain: field,
        },
      },
      plannings: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          name: true,
          netLicence: true,
          port: true,
          timeZone: true,
          status: true,
          publication: true,
          publicationName: true,
          publicUrl: true,
          domain: field,
          base: { select: { name: true } },
        },
      },
    },
  });
}

describe("The console's overview", () => {
  it("reads in two statements what Prisma reads, on either database", async () => {
    const account = await readyAccount("PRONOTE", { rne: "0751234A" });
    const [first, second] = account.plannings;
    await db.hostingAccount.update({
      where: { id: account.accountId },
      data: { preVersion: "2027", preVersionRequestedAt: new Date("2027-07-03T08:00:00Z") },
    });
    await db.controller.update({
      where: { accountId: account.accountId },
      data: { allowedMeasures: "NONE,PIN", pinMinLength: 6, ldapSettings: '{"host":"ldap.ecole.test"}', requireSecondFactor: true },
    });
    await db.planning.update({
      where: { id: second.id },
      data: { netLicence: false, publicationName: "Emplois du temps", publicUrl: "https://edt.ecole.test", timeZone: "Indian/Reunion" },
    });
    await db.domain.deleteMany({ where: { planningId: second.id } });
    await db.timetableBase.create({
      data: {
        accountId: account.accountId,
        planningId: first.id,
        name: "Base 2026",
        version: "2026",
        firstMonday: "2026-08-31",
        lastSunday: "2027-07-04",
        workingDays: "1,2,3,4,5",
        sequencesPerDay: 12,
        sequenceMinutes: 60,
        split: 2,
        resources: "{}",
        lastEditedAt: new Date(),
      },
    });
    const overview = await getConsoleOverview(account.accountId);
    expect(overview).toEqual(await throughPrisma(account.accountId));
    expect(overview.plannings.map((p) => [p.domain !== null, p.base?.name ?? null, p.netLicence])).toEqual([
      [true, "Base 2026", true],
      [false, null, false],
    ]);
  });

  it("gives an account without a domain or a base, and never another account's plannings", async () => {
    const [a, b] = [await readyAccount(), await readyAccount("HYPERPLANNING")];
    await db.domain.deleteMany({ where: { accountId: a.accountId } });
    const overview = await getConsoleOverview(a.accountId);
    expect(overview).toEqual(await throughPrisma(a.accountId));
    expect(overview.controller.domain).toBeNull();
    expect(overview.plannings.map((p) => p.id)).toEqual(a.plannings.map((p) => p.id));
    expect((await getConsoleOverview(b.accountId)).plannings.map((p) => p.id)).toEqual(b.plannings.map((p) => p.id));
    await expect(getConsoleOverview("no-such-account")).rejects.toThrow();
  });
});
