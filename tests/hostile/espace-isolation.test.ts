// One account's Espace address can never catch another account's people (before: A typed B's
// Espace address as its own public URL, and B's pupils were resolved to A, refused, journaled in A).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importPeople } from "@/lib/server/people/import-people";
import { startEspaceSignIn } from "@/lib/server/sign-in/espace/espace-sign-in";
import { loadLetterRecipients } from "@/lib/server/letters/letter-recipients";
import { mobileUrl } from "@/lib/server/letters/qr-payload";
import { setPlanningPublished, setPublicUrl } from "@/lib/server/planning/service-and-publication";
import { asResponsible, readyAccount } from "../support/fixtures";
import { freshIp, outcome } from "./support";

async function schoolWithPupil(login: string) {
  const account = await readyAccount();
  const planning = account.plannings[0];
  await db.planning.update({ where: { id: planning.id }, data: { status: "RUNNING", publication: "PUBLISHED" } });
  const ctx = { accountId: account.accountId, actor: "responsable", ip: "127.0.0.1" };
  await importPeople(ctx, {
    population: "ELEVES",
    planningId: planning.id,
    bytes: Buffer.from(`Nom;Prénom;Identifiant\nBoulanger;Lisa;${login}`),
  });
  const person = await db.espacePerson.findFirstOrThrow({ where: { accountId: account.accountId } });
  const [recipient] = await loadLetterRecipients(account.accountId, "ELEVES", [`person:${person.id}`]);
  return { account, planning, recipient, address: recipient.espaceAddress, url: mobileUrl(recipient.espaceAddress, "eleve") };
}

describe("Espace addresses", () => {
  it("refuses, next to the field, a public address that is another account's domain or public address", async () => {
    const a = await schoolWithPupil("lisa.a");
    const b = await schoolWithPupil("lisa.b");
    const refused = await setPublicUrl(asResponsible(a.account.accountId), a.planning.id, b.address).catch((error) => error);
    expect(refused).toMatchObject({ code: "OTHERS_ADDRESS", field: "url" });
    expect((await db.planning.findUniqueOrThrow({ where: { id: a.planning.id } })).publicUrl).toBeNull();
    await setPublicUrl(asResponsible(b.account.accountId), b.planning.id, "https://edt.ecole-b.test/");
    expect(await outcome(setPublicUrl(asResponsible(a.account.accountId), a.planning.id, "https://edt.ecole-b.test/autre/"))).toBe(
      "OTHERS_ADDRESS",
    );
  });

  it("resolves a domain's address to the domain's account, whatever another account wrote before the check", async () => {
    const a = await schoolWithPupil("lisa.a");
    const b = await schoolWithPupil("lisa.b");
    // As written before addresses were checked.
    await db.planning.update({ where: { id: a.planning.id }, data: { publicUrl: b.address } });
    const step = await startEspaceSignIn({ url: b.url, loginId: "lisa.b", password: b.recipient.provisionalPassword! }, { ip: freshIp() });
    expect(step.next).toBe("personalize");
    expect(await db.auditEvent.count({ where: { accountId: a.account.accountId, action: { startsWith: "espace.signin" } } })).toBe(0);
  });

  it("refuses sign-ins to a stopped or unpublished Espace with a clear message", async () => {
    const a = await schoolWithPupil("lisa.a");
    const attempt = { url: a.url, loginId: "lisa.a", password: a.recipient.provisionalPassword! };
    await setPlanningPublished(asResponsible(a.account.accountId), a.planning.id, false);
    await expect(startEspaceSignIn(attempt, { ip: freshIp() })).rejects.toThrow("Cet Espace n'est pas ouvert pour le moment");
    await db.planning.update({ where: { id: a.planning.id }, data: { status: "STOPPED", publication: "PUBLISHED" } });
    expect(await outcome(startEspaceSignIn(attempt, { ip: freshIp() }))).toBe("ESPACE_CLOSED");
    await db.planning.update({ where: { id: a.planning.id }, data: { status: "RUNNING", publication: "PUBLISHED" } });
    expect((await startEspaceSignIn(attempt, { ip: freshIp() })).next).toBe("personalize");
  });
});
