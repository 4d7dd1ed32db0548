import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { chooseRecipients } from "@/lib/server/letters/choose-recipients";
import { listRecipients } from "@/lib/server/letters/recipients";
import { importPeople } from "@/lib/server/people/import-people";
import { applySiecleImport } from "@/lib/server/siecle/siecle-import";
import { applyStsImport } from "@/lib/server/siecle/sts-import";
import { schoolYearAt } from "@/lib/school-calendar";
import { newAccount } from "./support/fixtures";
import { sieclePupilsXml, siecleResponsablesXml, stsXml, UAI } from "./support/siecle";

const year = schoolYearAt(new Date());

describe("The recipients lists show and filter what the national files say", () => {
  it("lists the parents of one class, by source, with whom they are responsable of and their address (5,000 rows)", {
    timeout: 120_000,
  }, async () => {
    const account = await newAccount("PRONOTE_CAMPUS");
    const { accountId } = account;
    await db.planning.updateMany({ where: { accountId }, data: { netLicence: true } });
    const ctx = { accountId, actor: "responsable", ip: "127.0.0.1" };
    const planningId = account.plannings[0].id;
    await applySiecleImport(ctx, {
      planningId,
      uai: UAI,
      pupils: { name: "e.xml", bytes: sieclePupilsXml(2500, { year }) },
      responsables: { name: "r.xml", bytes: siecleResponsablesXml(2500, { year }) },
    });
    await applyStsImport(ctx, { planningId, uai: UAI, file: { name: "sts.xml", bytes: stsXml(200, { year }) } });
    await importPeople(ctx, { population: "RESPONSABLES", planningId, bytes: Buffer.from("Nom;Prénom\nParent;Csv\n") });

    const all = await listRecipients(accountId, "RESPONSABLES", {});
    expect(all.total).toBe(4999);
    // The class filter of the responsables is their pupils' classes.
    expect(all.groups.slice(0, 3)).toEqual(["6A", "6B", "6C"]);
    const parentsOf6A = await listRecipients(accountId, "RESPONSABLES", { group: "6A" });
    // 6A's 30 pupils: pupils 0 and 1 share their parents, the others have two each.
    expect(parentsOf6A.total).toBe(58);
    const mother = parentsOf6A.rows.find((r) => r.firstName === "Hélène" && r.responsableOf.includes("(6A), "));
    expect(mother).toMatchObject({ source: "SIECLE", address: "0 rue de l'Église, 75011 PARIS" });
    expect(mother!.responsableOf.split(", ")).toHaveLength(2);
    // A sending to "the whole list" takes the same 58.
    expect(await chooseRecipients(accountId, "RESPONSABLES", { filter: { group: "6A" } })).toHaveLength(58);
    expect(await listRecipients(accountId, "RESPONSABLES", { source: "CSV" })).toMatchObject({
      total: 1,
      rows: [{ lastName: "Parent", source: "CSV" }],
    });
    expect((await listRecipients(accountId, "RESPONSABLES", { source: "SIECLE" })).total).toBe(4998);

    // A teacher's classes are each a class of the filter.
    const teachers = await listRecipients(accountId, "PROFESSEURS", { group: "8A" });
    expect(teachers.total).toBeGreaterThan(0);
    for (const t of teachers.rows) expect(t.group.split(", ")).toContain("8A");
    expect((await listRecipients(accountId, "PROFESSEURS", {})).groups).toContain("LATIN-5");
    expect((await listRecipients(accountId, "PROFESSEURS", { source: "STSWEB" })).total).toBe(200);
  });
});
