import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { associateControllerDomain } from "@/lib/server/controller/associate-controller-domain";
import { associatePlanningDomain } from "@/lib/server/planning/associate-planning-domain";
import { renamePlanning } from "@/lib/server/planning/update-planning";
import { checkDomainAvailable, parseDomainLabel } from "@/lib/server/configuration/domain-name";
import { AppError } from "@/lib/server/errors";
import { newAccount, uniqueLabel } from "./support/fixtures";

const ctx = (accountId: string) => ({ accountId, actor: "responsable", ip: "127.0.0.1" });

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

describe("F3 domain rules", () => {
  it("accepts one RFC 1123 label, lower-cased, and the product's own suffix typed in full", () => {
    expect(parseDomainLabel("PRONOTE_CAMPUS", "  MonEcole ")).toBe("monecole");
    expect(parseDomainLabel("PRONOTE_CAMPUS", "mon-ecole-2026")).toBe("mon-ecole-2026");
    expect(parseDomainLabel("PRONOTE_CAMPUS", "monecole.pronote-campus.net")).toBe("monecole");
    expect(parseDomainLabel("HYPERPLANNING", "x".repeat(63))).toBe("x".repeat(63));
    expect(parseDomainLabel("HYPERPLANNING", "a")).toBe("a");
  });

  it("refuses what breaks the rules, with a French message for the field", () => {
    expect(messageOf(() => parseDomainLabel("PRONOTE_CAMPUS", ""))).toBe("Le nom de domaine est indispensable à la mise en service");
    expect(messageOf(() => parseDomainLabel("PRONOTE_CAMPUS", "-ecole"))).toMatch(/tiret/);
    expect(messageOf(() => parseDomainLabel("PRONOTE_CAMPUS", "ecole-"))).toMatch(/tiret/);
    expect(messageOf(() => parseDomainLabel("PRONOTE_CAMPUS", "école"))).toMatch(/lettres non accentuées/);
    expect(messageOf(() => parseDomainLabel("PRONOTE_CAMPUS", "mon_ecole"))).toMatch(/lettres non accentuées/);
    expect(messageOf(() => parseDomainLabel("PRONOTE_CAMPUS", "a.b"))).toMatch(/sans point/);
    expect(messageOf(() => parseDomainLabel("PRONOTE_CAMPUS", "x".repeat(64)))).toMatch(/63 caractères/);
    // Another product's suffix is not this product's: it is a dotted name, refused.
    expect(messageOf(() => parseDomainLabel("PRONOTE_CAMPUS", "ecole.hyperplanning.fr"))).toMatch(/sans point/);
  });

  it("gives the controller port 21200 and the plannings 21201, 21202 with their domains", async () => {
    const account = await newAccount("PRONOTE_CAMPUS", { plannings: 3 });
    const controller = await associateControllerDomain({ ...ctx(account.accountId), domain: uniqueLabel() });
    expect(controller.port).toBe(21200);
    const ports = [];
    for (const planning of account.plannings) {
      ports.push((await associatePlanningDomain({ ...ctx(account.accountId), planningId: planning.id, domain: uniqueLabel() })).port);
    }
    expect(ports).toEqual([21201, 21202, 21203]);
    expect(account.plannings.map((p) => p.name)).toEqual(["planning01", "planning02", "planning03"]);
  });

  it("builds the name from the product's suffix", async () => {
    const hp = await newAccount("HYPERPLANNING");
    const label = uniqueLabel();
    expect((await associateControllerDomain({ ...ctx(hp.accountId), domain: label })).fqdn).toBe(`${label}.hyperplanning.fr`);
    const pronote = await newAccount("PRONOTE", { rne: "0751234A" });
    expect((await associateControllerDomain({ ...ctx(pronote.accountId), domain: label })).fqdn).toBe(`${label}.index-education.net`);
  });

  it("refuses a name another account holds, for a controller or a planning alike, and changes nothing", async () => {
    const a = await newAccount();
    const b = await newAccount();
    const label = uniqueLabel();
    await associatePlanningDomain({ ...ctx(a.accountId), planningId: a.plannings[0].id, domain: label });
    await expect(associateControllerDomain({ ...ctx(b.accountId), domain: label })).rejects.toThrow(
      `Le nom de domaine ${label}.pronote-campus.net est déjà utilisé. Choisissez-en un autre.`,
    );
    await expect(associatePlanningDomain({ ...ctx(b.accountId), planningId: b.plannings[1].id, domain: label })).rejects.toThrow(
      /déjà utilisé/,
    );
    expect(await db.domain.count({ where: { accountId: b.accountId } })).toBe(0);
  });

  it("checks a name before the confirmation window: taken, held by another element, its owner in service, or free", async () => {
    const a = await newAccount();
    const b = await newAccount();
    const theirs = uniqueLabel();
    const mine = uniqueLabel();
    await associateControllerDomain({ ...ctx(b.accountId), domain: theirs });
    await associateControllerDomain({ ...ctx(a.accountId), domain: mine });
    await expect(checkDomainAvailable(a.accountId, { planningId: a.plannings[0].id }, theirs)).rejects.toThrow(
      `Le nom de domaine ${theirs}.pronote-campus.net est déjà utilisé. Choisissez-en un autre.`,
    );
    await expect(checkDomainAvailable(a.accountId, { planningId: a.plannings[0].id }, mine)).rejects.toThrow(
      /déjà associé à un autre élément/,
    );
    await expect(checkDomainAvailable(a.accountId, {}, `${mine}.pronote-campus.net`)).resolves.toEqual({
      fqdn: `${mine}.pronote-campus.net`,
      unchanged: true,
    });
    const free = uniqueLabel();
    await expect(checkDomainAvailable(a.accountId, {}, free)).resolves.toEqual({ fqdn: `${free}.pronote-campus.net`, unchanged: false });
    await expect(checkDomainAvailable(a.accountId, {}, "-x")).rejects.toMatchObject({ code: "INVALID_DOMAIN" });
    await db.controller.update({ where: { accountId: a.accountId }, data: { status: "RUNNING" } });
    await expect(checkDomainAvailable(a.accountId, {}, free)).rejects.toThrow(/désactivez-le avant de changer son nom de domaine/);
    // Another account's planning is nobody's to check.
    await expect(checkDomainAvailable(a.accountId, { planningId: b.plannings[0].id }, free)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Nothing was written.
    expect(await db.domain.count({ where: { accountId: a.accountId } })).toBe(1);
  });

  it("keeps the old name when the new one is refused", async () => {
    const a = await newAccount();
    const b = await newAccount();
    const mine = uniqueLabel();
    const theirs = uniqueLabel();
    await associateControllerDomain({ ...ctx(a.accountId), domain: mine });
    await associateControllerDomain({ ...ctx(b.accountId), domain: theirs });
    await expect(associateControllerDomain({ ...ctx(a.accountId), domain: theirs })).rejects.toBeInstanceOf(AppError);
    const kept = await db.domain.findMany({ where: { accountId: a.accountId } });
    expect(kept.map((d) => d.fqdn)).toEqual([`${mine}.pronote-campus.net`]);
  });

  it("tells apart a name used elsewhere in the same account", async () => {
    const a = await newAccount();
    const label = uniqueLabel();
    await associateControllerDomain({ ...ctx(a.accountId), domain: label });
    await expect(associatePlanningDomain({ ...ctx(a.accountId), planningId: a.plannings[0].id, domain: label })).rejects.toThrow(
      /déjà associé à un autre élément de votre compte/,
    );
  });

  it("frees the old name when a domain changes", async () => {
    const a = await newAccount();
    const b = await newAccount();
    const first = uniqueLabel();
    await associateControllerDomain({ ...ctx(a.accountId), domain: first });
    await associateControllerDomain({ ...ctx(a.accountId), domain: uniqueLabel() });
    await expect(associateControllerDomain({ ...ctx(b.accountId), domain: first })).resolves.toMatchObject({
      fqdn: `${first}.pronote-campus.net`,
    });
  });

  it("keeps the domain of a running controller or planning until it is stopped", async () => {
    const a = await newAccount();
    const label = uniqueLabel();
    await associateControllerDomain({ ...ctx(a.accountId), domain: label });
    await associatePlanningDomain({ ...ctx(a.accountId), planningId: a.plannings[0].id, domain: uniqueLabel() });
    await db.controller.update({ where: { accountId: a.accountId }, data: { status: "RUNNING" } });
    await db.planning.update({ where: { id: a.plannings[0].id }, data: { status: "RUNNING" } });
    await expect(associateControllerDomain({ ...ctx(a.accountId), domain: uniqueLabel() })).rejects.toThrow(
      /désactivez-le avant de changer son nom de domaine/,
    );
    await expect(associatePlanningDomain({ ...ctx(a.accountId), planningId: a.plannings[0].id, domain: uniqueLabel() })).rejects.toThrow(
      /arrêtez le serveur/,
    );
    // Saving the same name again is not a change.
    await expect(associateControllerDomain({ ...ctx(a.accountId), domain: label })).resolves.toBeTruthy();
  });

  it("settles 20 parallel claims of one name between accounts: exactly one winner", async () => {
    const accounts = await Promise.all(Array.from({ length: 20 }, () => newAccount()));
    const label = uniqueLabel("course");
    const results = await Promise.allSettled(accounts.map((a) => associateControllerDomain({ ...ctx(a.accountId), domain: label })));
    const winners = results.filter((r) => r.status === "fulfilled");
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(winners).toHaveLength(1);
    expect(losers.every((r) => r.reason instanceof AppError && r.reason.code === "DOMAIN_TAKEN")).toBe(true);
    expect(await db.domain.count({ where: { fqdn: `${label}.pronote-campus.net` } })).toBe(1);
  });

  it("renames a planning, refusing a name its sibling already has", async () => {
    const a = await newAccount();
    await renamePlanning(ctx(a.accountId), a.plannings[0].id, "Année en cours");
    await expect(renamePlanning(ctx(a.accountId), a.plannings[1].id, "Année en cours")).rejects.toThrow(
      "Un autre planning s'appelle déjà Année en cours.",
    );
    const names = await db.planning.findMany({ where: { accountId: a.accountId }, orderBy: { position: "asc" } });
    expect(names.map((p) => p.name)).toEqual(["Année en cours", "planning02"]);
  });
});
