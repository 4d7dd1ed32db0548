import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getChecklist } from "@/lib/server/checklist";
import { newAccount, uniqueLabel } from "./support/fixtures";

const doneFiches = async (accountId: string) =>
  (await getChecklist(accountId)).items.filter((item) => item.done).map((item) => item.number);

describe("X1 Étapes du guide", () => {
  it("ticks each Fiche when its step is done, in one statement on either database", async () => {
    const account = await newAccount("HYPERPLANNING");
    const { accountId, plannings } = account;
    const [first, second] = plannings;
    const checklist = await getChecklist(accountId);
    expect(checklist).toMatchObject({ product: "HYPERPLANNING", establishment: expect.stringMatching(/^École /) });
    expect(checklist.next).toEqual({ number: 2, title: "Connexion à la console d'hébergement", done: false });
    expect(await doneFiches(accountId)).toEqual([1]);

    await db.hostingAccount.update({ where: { id: accountId }, data: { licenceAcceptedAt: new Date() } });
    const controller = await db.controller.findUniqueOrThrow({ where: { accountId } });
    await db.domain.create({ data: { accountId, controllerId: controller.id, fqdn: `${uniqueLabel()}.hyperplanning.fr` } });
    await db.domain.create({ data: { accountId, planningId: first.id, fqdn: `${uniqueLabel()}.hyperplanning.fr` } });
    // Fiche 3 wants every planning named, not only the first.
    expect(await doneFiches(accountId)).toEqual([1, 2]);
    await db.domain.create({ data: { accountId, planningId: second.id, fqdn: `${uniqueLabel()}.hyperplanning.fr` } });
    expect(await doneFiches(accountId)).toEqual([1, 2, 3]);

    const user = { accountId, lastName: "Admin", firstName: "Super" };
    await db.controllerUser.create({ data: { ...user, loginId: "sadmin", loginKey: "sadmin", status: "USER" } });
    expect(await doneFiches(accountId)).toEqual([1, 2, 3]);
    await db.controllerUser.updateMany({ where: { accountId }, data: { status: "SUPERADMIN" } });
    expect(await doneFiches(accountId)).toEqual([1, 2, 3, 4]);

    await db.controller.update({ where: { accountId }, data: { status: "RUNNING" } });
    expect(await doneFiches(accountId)).toEqual([1, 2, 3, 4, 5]);

    // Fiche 6: a base, and its planning in service.
    await db.timetableBase.create({
      data: {
        accountId,
        planningId: second.id,
        name: "Base 2026",
        version: "2026",
        firstMonday: "2026-08-31",
        lastSunday: "2027-07-04",
        workingDays: "1,2,3,4,5",
        sequencesPerDay: 10,
        sequenceMinutes: 60,
        split: 2,
        resources: "{}",
        lastEditedAt: new Date(),
      },
    });
    await db.planning.update({ where: { id: first.id }, data: { status: "RUNNING" } });
    expect(await doneFiches(accountId)).toEqual([1, 2, 3, 4, 5]);
    await db.planning.update({ where: { id: second.id }, data: { status: "RUNNING" } });
    expect(await doneFiches(accountId)).toEqual([1, 2, 3, 4, 5, 6]);

    await db.auditEvent.create({ data: { accountId, actor: "responsable", action: "client.param-client" } });
    expect(await doneFiches(accountId)).toEqual([1, 2, 3, 4, 5, 6, 7]);

    await db.controllerUser.create({ data: { ...user, loginId: "prof", loginKey: "prof", status: "USER" } });
    expect(await doneFiches(accountId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    // Fiche 9 is the address entered, not the publication that putting a planning in service brings.
    await db.planning.update({ where: { id: first.id }, data: { publication: "PUBLISHED" } });
    expect(await doneFiches(accountId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await db.auditEvent.create({ data: { accountId, actor: "responsable", action: "planning.public-url" } });
    expect(await doneFiches(accountId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const sending = { accountId, kind: "PERSONAL", ownerKey: "responsable", name: "Camille", email: "camille@ecole.test" };
    const sendingAccount = await db.sendingAccount.create({ data: sending });
    expect(await doneFiches(accountId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await db.sendingAccount.update({ where: { id: sendingAccount.id }, data: { readyAt: new Date() } });
    expect(await doneFiches(accountId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const batch = { accountId, actor: "responsable", modelId: "m", modelName: "Lettre", population: "STAFF", total: 1 };
    await db.letterBatch.create({ data: { ...batch, requestKey: "pdf", output: "PDF", sent: 1 } });
    await db.letterBatch.create({ data: { ...batch, requestKey: "mail-failed", output: "EMAIL", failed: 1 } });
    expect((await getChecklist(accountId)).next?.number).toBe(11);
    await db.letterBatch.create({ data: { ...batch, requestKey: "mail", output: "EMAIL", sent: 1 } });
    expect((await getChecklist(accountId)).next).toBeNull();
    expect(await doneFiches(accountId)).toHaveLength(11);
  });

  it("reads only the account asked for", async () => {
    const [a, b] = [await newAccount(), await newAccount()];
    await db.hostingAccount.update({ where: { id: b.accountId }, data: { licenceAcceptedAt: new Date() } });
    await db.controller.update({ where: { accountId: b.accountId }, data: { status: "RUNNING" } });
    expect(await doneFiches(a.accountId)).toEqual([1]);
    expect(await doneFiches(b.accountId)).toEqual([1, 2, 5]);
    await expect(getChecklist("no-such-account")).rejects.toThrow();
  });
});
