import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/server/user/create-user";
import { listUserPlannings } from "@/lib/server/user/list-user-plannings";
import { newAccount } from "./support/fixtures";

const ctx = (accountId: string) => ({ accountId, actor: "responsable", ip: "127.0.0.1" });

describe("F12 Plannings de <NOM Prénom>", () => {
  it("lists the plannings in service where the user has a profile, and only names those stopped", async () => {
    const account = await newAccount();
    const [first, second] = account.plannings;
    const user = await createUser(ctx(account.accountId), { loginId: "afilaire", lastName: "Filaire", firstName: "Alain" });
    const other = await createUser(ctx(account.accountId), { loginId: "autre", lastName: "Autre", firstName: "Anne" });
    for (const planningId of [first.id, second.id]) {
      await db.profileAssignment.create({ data: { accountId: account.accountId, planningId, userId: user.id, profile: "CONSULTATION" } });
    }
    await db.profileAssignment.create({
      data: { accountId: account.accountId, planningId: first.id, userId: other.id, profile: "ADMINISTRATION" },
    });
    expect(await listUserPlannings(account.accountId, user.id)).toMatchObject({ running: [], stopped: ["planning01", "planning02"] });

    await db.planning.update({
      where: { id: first.id },
      data: { status: "RUNNING", publication: "PUBLISHED", publicationName: "Année en cours" },
    });
    await db.domain.create({
      data: { accountId: account.accountId, planningId: first.id, fqdn: `annee-${Date.now()}.pronote-campus.net` },
    });
    const listed = await listUserPlannings(account.accountId, user.id);
    expect(listed.stopped).toEqual(["planning02"]);
    expect(listed.running).toHaveLength(1);
    expect(listed.running[0]).toMatchObject({ name: "Année en cours", port: first.port, administrators: ["autre"] });
    expect(listed.running[0].espaces).toMatch(/^https:\/\/annee-\d+\.pronote-campus\.net\/$/);
    // Somebody else's profile is not a way in.
    expect(
      await listUserPlannings(
        account.accountId,
        (await createUser(ctx(account.accountId), { loginId: "sans", lastName: "Sans", firstName: "Profil" })).id,
      ),
    ).toEqual({ running: [], stopped: [] });
  });
});
