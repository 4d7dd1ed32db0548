import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { espacesAddress } from "@/lib/products";
import { searchKeyOf } from "@/lib/search-key";
import { batchLetterChunks } from "@/lib/server/letters/batch-letters";
import { startLetterBatch } from "@/lib/server/letters/letter-batches";
import { listLetterModels } from "@/lib/server/letters/letter-models";
import { listRecipients } from "@/lib/server/letters/recipients";
import { writeLettersPdf, type Letter } from "@/lib/server/letters/letters-pdf";
import { switchToDirectSignIn } from "@/lib/server/people/switch-off-ent";
import { entSignInUrl, finishEntSignIn, linkEntIdentity, resumeEntSignIn } from "@/lib/server/sign-in/espace/ent-sign-in";
import { startEspaceSignIn } from "@/lib/server/sign-in/espace/espace-sign-in";
import { entRefusals, saveEntSettings } from "@/lib/server/planning/ent-settings";
import { encryptProvisional } from "@/lib/server/security/provisional";
import type { EntSettings } from "@/lib/schemas/ent";
import { CAS_DIR, CAS_URL, startCasServer } from "../scripts/cas-server.mjs";
import { SAML_IDP_METADATA, startSamlIdp } from "../scripts/saml-idp.mjs";
import { finishEntSamlSignIn } from "@/lib/server/sign-in/espace/ent-saml";
import { samlResponse } from "./support/saml-login";
import { casTicket } from "./support/cas-login";
import { GET as entReturn } from "@/app/api/espace/ent/retour/route";
import { CAS_USERS } from "./support/cas-users.mjs";
import { asResponsible, readyAccount } from "./support/fixtures";

/** The tag of the state of the browser that started the sign-in (lib/server/directory/sign-in-state.ts): one browser here. */
const TAG = "etat-du-navigateur";

// The ENT's CAS server: Debian's django-cas-server on loopback over TLS (scripts/cas-server.mjs).
beforeAll(() => startCasServer(), 60_000);
// A generic SAML ENT: Debian's simplesamlphp (scripts/saml-idp.mjs).
beforeAll(() => startSamlIdp(), 60_000);

let ip = 0;
const client = () => ({ ip: `10.6.${++ip >> 8}.${ip & 255}` });
const PROVISIONAL = "Provisoire-2026";

type Person = { population: string; lastName: string; firstName: string; loginId: string; birthDate?: string };

/** A school whose Espaces are published and integrated in the ENT, with `people` in its planning. */
async function entSchool(people: Person[], settings: Partial<EntSettings> = {}) {
  const account = await readyAccount();
  const ctx = asResponsible(account.accountId);
  const planning = await db.planning.findFirstOrThrow({ where: { accountId: account.accountId }, include: { domain: true } });
  await db.planning.update({ where: { id: planning.id }, data: { netLicence: true, status: "RUNNING" } });
  const ent: EntSettings = {
    enabled: true,
    family: "ODE",
    casUrl: CAS_URL,
    metadata: "",
    identifierAttribute: "",
    version: "3.0",
    caCertificate: readFileSync(`${CAS_DIR}/ca.pem`, "utf8"),
    matching: "IDENTITY",
    loginAttribute: "",
    populations: ["ELEVES", "RESPONSABLES", "PROFESSEURS", "PERSONNELS"],
    ...settings,
  };
  await saveEntSettings(ctx, planning.id, ent);
  await db.planning.update({ where: { id: planning.id }, data: { publication: "PUBLISHED" } });
  const encrypted = encryptProvisional(PROVISIONAL);
  for (let i = 0; i < people.length; i += 500) {
    await db.espacePerson.createMany({
      data: people.slice(i, i + 500).map((p) => ({
        accountId: account.accountId,
        planningId: planning.id,
        population: p.population,
        loginId: p.loginId,
        loginKey: p.loginId.toLowerCase(),
        lastName: p.lastName,
        firstName: p.firstName,
        birthDate: p.birthDate ?? "",
        provisionalPasswordEnc: encrypted,
        searchKey: searchKeyOf(p),
      })),
    });
  }
  const address = espacesAddress("PRONOTE_CAMPUS", planning.domain!.fqdn, null)!;
  return { account, ctx, planning, address, ent };
}

/** What a browser does: "Se connecter avec l'ENT", the CAS login, back with the ticket. */
async function throughEnt(address: string, casUser: string, planningId: string) {
  const service = new URL(await entSignInUrl(address, TAG)).searchParams.get("service")!;
  const ticket = await casTicket(casUser, CAS_USERS[casUser].password, service);
  return { ticket, done: () => finishEntSignIn(planningId, ticket, client(), TAG) };
}

const lea: Person = { population: "ELEVES", lastName: "Martin", firstName: "Lea", loginId: "lea.martin", birthDate: "12/03/2011" };
const tom: Person = { population: "ELEVES", lastName: "Petit", firstName: "Tom", loginId: "tom.petit" };
const sophie: Person = { population: "RESPONSABLES", lastName: "Martin", firstName: "Sophie", loginId: "sophie.martin" };

describe("A SAML ENT ('Autre ENT (fournisseur d'identité SAML 2.0)')", () => {
  it("signs a pupil in through the IdP, matched by identity; the response serves once and for its Espace only", async () => {
    const ines: Person = { population: "ELEVES", lastName: "Durand", firstName: "Ines", loginId: "ines.durand", birthDate: "23/05/2012" };
    const metadata = await (await fetch(SAML_IDP_METADATA)).text();
    const saml = { family: "SAML" as const, casUrl: "", metadata, identifierAttribute: "uid", matching: "IDENTITY" as const };
    const { address, planning, account } = await entSchool([ines], saml);
    const stored = JSON.parse((await db.planning.findUniqueOrThrow({ where: { id: planning.id } })).entSettings);
    expect(stored.idp.entityId).toBe(SAML_IDP_METADATA);
    const posted = await samlResponse(await entSignInUrl(address, TAG), "saml.eleve");
    expect(posted.RelayState).toBe(`espace:${planning.id}`);
    const other = await entSchool([ines], saml);
    await expect(finishEntSamlSignIn(other.planning.id, posted.SAMLResponse, client(), TAG)).rejects.toThrow(
      "n'a pas confirmé votre connexion",
    );
    // The other Espace's try did not consume this one's request: the response is still good here, once.
    const { proof } = await finishEntSamlSignIn(planning.id, posted.SAMLResponse, client(), TAG);
    expect(await resumeEntSignIn(proof)).toMatchObject({ next: "done", displayName: "Durand Ines" });
    await expect(finishEntSamlSignIn(planning.id, posted.SAMLResponse, client(), TAG)).rejects.toThrow("n'a pas confirmé votre connexion");
    const person = await db.espacePerson.findFirstOrThrow({ where: { accountId: account.accountId, loginKey: "ines.durand" } });
    expect(person.casId).toBe("saml.eleve");
    // Her identity forgotten, then claimed by 20 sign-ins at once (a double click, two tabs): all hers.
    await db.espacePerson.updateMany({ where: { accountId: account.accountId }, data: { casId: "" } });
    const responses: string[] = [];
    for (let i = 0; i < 20; i++) responses.push((await samlResponse(await entSignInUrl(address, TAG), "saml.eleve")).SAMLResponse);
    const outcomes = await Promise.allSettled(responses.map((r) => finishEntSamlSignIn(planning.id, r, client(), TAG)));
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
  });
});

describe("Intégration dans un ENT: the settings", () => {
  it("changes only while the publication is stopped", async () => {
    const { ctx, planning, ent } = await entSchool([]);
    await expect(saveEntSettings(ctx, planning.id, { ...ent, enabled: false })).rejects.toThrow("Arrêtez d'abord la publication");
    expect(JSON.parse((await db.planning.findUniqueOrThrow({ where: { id: planning.id } })).entSettings).enabled).toBe(true);
    await db.planning.update({ where: { id: planning.id }, data: { publication: "UNPUBLISHED" } });
    await saveEntSettings(ctx, planning.id, { ...ent, enabled: false });
    expect(JSON.parse((await db.planning.findUniqueOrThrow({ where: { id: planning.id } })).entSettings).enabled).toBe(false);
  });
});

describe("The people of an Espace sign in through its ENT's CAS", () => {
  it("matches by identity among 5,000 people (names folded, birth date checked), once; then the password way is closed", {
    timeout: 120_000,
  }, async () => {
    const crowd: Person[] = Array.from({ length: 4997 }, (_, i) => ({
      population: i % 2 ? "ELEVES" : "RESPONSABLES",
      lastName: `Famille${i}`,
      firstName: "Camille",
      loginId: `camille.${i}`,
    }));
    // A namesake of another birth date, and a responsable of the same name: neither is her.
    const namesakes: Person[] = [
      { ...lea, loginId: "lea.martin2", birthDate: "01/01/2010" },
      { ...lea, population: "RESPONSABLES", loginId: "lea.martin.parent", birthDate: "" },
    ];
    const { address, planning, account } = await entSchool([...crowd, ...namesakes, lea]);
    const start = performance.now();
    const { done, ticket } = await throughEnt(address, "ent.lea", planning.id);
    const { proof } = await done();
    const step = await resumeEntSignIn(proof);
    console.log(`ENT identity matched among 5,000 people in ${(performance.now() - start).toFixed(0)} ms (CAS login included)`);
    expect(step).toMatchObject({ next: "done", displayName: "Martin Lea", espaceName: "Espace Élèves" });
    const person = await db.espacePerson.findFirstOrThrow({ where: { accountId: account.accountId, loginKey: "lea.martin" } });
    expect(person.casId).toBe("ent.lea");
    // The same ticket again: refused.
    await expect(finishEntSignIn(planning.id, ticket, client(), TAG)).rejects.toThrow("n'a pas confirmé votre connexion");
    // Next time, by the identity already matched.
    await expect((await throughEnt(address, "ent.lea", planning.id)).done()).resolves.toMatchObject({ address });
    // Her letter's provisional password no longer opens the Espace: the ENT is her way in.
    await expect(startEspaceSignIn({ url: address, loginId: "lea.martin", password: PROVISIONAL }, client())).rejects.toThrow(
      "Votre établissement vous connecte par l'ENT",
    );
    const journal = await db.auditEvent.findMany({ where: { accountId: account.accountId, action: { startsWith: "espace." } } });
    expect(journal.map((e) => e.action)).toEqual(expect.arrayContaining(["espace.ent.link", "espace.signin.ent"]));
  });

  it("matches by the CAS attribute that carries the login; 50 first sign-ins of one identity at once all land on him", async () => {
    const { address, planning, account } = await entSchool([tom], { matching: "ATTRIBUTE", loginAttribute: "login" });
    const { proof } = await (await throughEnt(address, "ent.tom", planning.id)).done();
    expect(await resumeEntSignIn(proof)).toMatchObject({ next: "done", displayName: "Petit Tom" });
    // His identity forgotten, then claimed by 50 sign-ins at once (a double click, two tabs).
    await db.espacePerson.updateMany({ where: { accountId: account.accountId }, data: { casId: "" } });
    const returns = await Promise.all(Array.from({ length: 50 }, () => throughEnt(address, "ent.tom", planning.id)));
    const outcomes = await Promise.allSettled(returns.map((r) => r.done()));
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    expect(await db.auditEvent.count({ where: { accountId: account.accountId, action: "espace.ent.link" } })).toBe(2);
  });

  it("asks the login and password once at the first sign-in, then the ENT suffices", async () => {
    const { address, planning, account } = await entSchool([sophie], { matching: "FIRST_SIGNIN" });
    // Not yet linked: her letter's password still opens the Espace (she needs it once).
    const { proof } = await (await throughEnt(address, "ent.parent", planning.id)).done();
    const link = await resumeEntSignIn(proof);
    expect(link.next).toBe("link");
    await expect(
      linkEntIdentity({ ticket: link.ticket, loginId: "sophie.martin", password: "mauvais", confirmed: true }, client()),
    ).rejects.toThrow("Identifiant ou mot de passe incorrect.");
    expect(
      await linkEntIdentity({ ticket: link.ticket, loginId: "sophie.martin", password: PROVISIONAL, confirmed: true }, client()),
    ).toMatchObject({
      next: "done",
      displayName: "Martin Sophie",
    });
    const person = await db.espacePerson.findFirstOrThrow({ where: { accountId: account.accountId, loginKey: "sophie.martin" } });
    expect(person.casId).toBe("ent.parent");
    const again = await (await throughEnt(address, "ent.parent", planning.id)).done();
    expect(await resumeEntSignIn(again.proof)).toMatchObject({ next: "done" });
    // The link ticket served: another person cannot be claimed with it.
    await expect(
      linkEntIdentity({ ticket: link.ticket, loginId: "sophie.martin", password: PROVISIONAL, confirmed: true }, client()),
    ).rejects.toThrow("déjà associée");
  });

  it("claims a person by identity only on a strong key; a namesake elsewhere, or a match without birth date, is only proposed", async () => {
    const hugo: Person = { population: "ELEVES", lastName: "Leroy", firstName: "Hugo", loginId: "hugo.leroy" };
    const { address, planning, account } = await entSchool([sophie, lea, hugo]);
    await db.espacePerson.updateMany({ where: { accountId: account.accountId, loginKey: "hugo.leroy" }, data: { nationalKey: "100042" } });
    const linked = async () =>
      (await db.espacePerson.findMany({ where: { accountId: account.accountId, casId: { not: "" } }, select: { loginId: true } })).map(
        (p) => p.loginId,
      );
    // Before: the same-named responsable of another school's ENT claimed Sophie for good, by name alone.
    for (const identity of ["ent.sophie.ailleurs", "ent.parent", "ent.lea.ailleurs"]) {
      const step = await resumeEntSignIn((await (await throughEnt(address, identity, planning.id)).done()).proof);
      expect(step.next, identity).toBe("link");
      expect(step.entIdentity).toMatch(identity === "ent.lea.ailleurs" ? /^Léa MARTIN \(ent\.lea\.ailleurs\)$/ : /^Sophie MARTIN/);
    }
    expect(await linked()).toEqual([]);
    // The proposal is his only once he confirms, with his letter's login and password.
    const step = await resumeEntSignIn((await (await throughEnt(address, "ent.sophie.ailleurs", planning.id)).done()).proof);
    await expect(
      linkEntIdentity({ ticket: step.ticket, loginId: "sophie.martin", password: PROVISIONAL, confirmed: false }, client()),
    ).rejects.toThrow("Cochez la case pour confirmer");
    expect(await linked()).toEqual([]);
    // The ENT's SIECLE identifier is a strong key, whatever the names: claimed at once.
    const jointure = await resumeEntSignIn((await (await throughEnt(address, "ent.jointure", planning.id)).done()).proof);
    expect(jointure).toMatchObject({ next: "done", displayName: "Leroy Hugo" });
    // Names and the birth date known on both sides, no other school's UAI: strong.
    expect(await resumeEntSignIn((await (await throughEnt(address, "ent.lea", planning.id)).done()).proof)).toMatchObject({ next: "done" });
    expect((await linked()).sort()).toEqual(["hugo.leroy", "lea.martin"]);
  });

  it("refuses an identity that matches two persons, and tells the administrator", async () => {
    const twin = { population: "ELEVES", lastName: "Bernard", firstName: "Louis", birthDate: "01/01/2011" };
    const { address, planning, account } = await entSchool([
      { ...twin, loginId: "louis.bernard" },
      { ...twin, loginId: "louis.bernard2" },
    ]);
    await expect((await throughEnt(address, "ent.homonyme", planning.id)).done()).rejects.toThrow("correspond à plusieurs personnes");
    expect(await db.espacePerson.count({ where: { accountId: account.accountId, casId: { not: "" } } })).toBe(0);
    const reported = await db.auditEvent.findFirstOrThrow({ where: { accountId: account.accountId, action: "espace.ent.ambiguous" } });
    expect(reported.detail).toContain("louis.bernard2");
    // Said where the administrator sets the ENT.
    expect(await entRefusals(account.accountId)).toEqual([
      expect.objectContaining({ identity: "ent.homonyme", persons: expect.stringContaining("(louis.bernard), ") }),
    ]);
  });

  it("refuses an identity nobody is, a ticket for another Espace, and an Espace without ENT", async () => {
    const { address, planning, account } = await entSchool([tom]);
    await expect((await throughEnt(address, "ent.lea", planning.id)).done()).rejects.toThrow("personne de cet Espace ne correspond");
    const other = await entSchool([lea]);
    const forOther = await throughEnt(other.address, "ent.lea", other.planning.id);
    await expect(finishEntSignIn(planning.id, forOther.ticket, client(), TAG)).rejects.toThrow("n'a pas confirmé votre connexion");
    expect(await db.espacePerson.count({ where: { accountId: account.accountId, casId: { not: "" } } })).toBe(0);
    // The way out names the console's return, the way back the console's page, whatever is added.
    const service = new URL(await entSignInUrl(address, TAG)).searchParams.get("service")!;
    expect(service.startsWith("http://localhost:3000/api/espace/ent/retour?espace=")).toBe(true);
    const back = await entReturn(
      new Request(
        `http://localhost:3000/api/espace/ent/retour?espace=${planning.id}&ticket=ST-x&service=https://evil.example/&adresse=https://evil.example/`,
      ),
    );
    expect(new URL(back.headers.get("location")!).origin).toBe("http://localhost:3000");
    await db.planning.update({ where: { id: planning.id }, data: { entSettings: "" } });
    await expect(entSignInUrl(address, TAG)).rejects.toThrow("n'est pas intégré dans un ENT");
  });
});

async function pdfText(letters: Letter[]) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c) => chunks.push(c));
  await writeLettersPdf(letters, out, { title: "t", author: "a" });
  const doc = await getDocument({
    data: new Uint8Array(Buffer.concat(chunks)),
    standardFontDataUrl: "node_modules/pdfjs-dist/standard_fonts/",
  }).promise;
  let text = "";
  for (let n = 1; n <= doc.numPages; n++) {
    text += `${((await (await doc.getPage(n)).getTextContent()).items as { str: string }[]).map((i) => i.str).join("\n")}\n`;
  }
  return text;
}

describe("The letters of the people who sign in through the ENT", () => {
  it("print neither password nor QR code, say so, and the list counts them; 'Connexion directe' gives a password back", {
    timeout: 180_000,
  }, async () => {
    const pupils: Person[] = Array.from({ length: 5000 }, (_, i) => ({
      population: "ELEVES",
      lastName: `Eleve${i}`,
      firstName: "Noa",
      loginId: `noa.${i}`,
    }));
    const { account, ctx } = await entSchool(pupils, { populations: ["ELEVES"] });
    const list = await listRecipients(account.accountId, "ELEVES");
    expect(list.throughEnt).toBe(5000);
    expect(list.rows.every((r) => r.ent)).toBe(true);
    const model = (await listLetterModels(account.accountId)).find((m) => m.name === "Connexion des élèves")!;
    const { batchId, total } = await startLetterBatch(ctx, {
      requestKey: randomUUID(),
      population: "ELEVES",
      modelId: model.id,
      output: "PDF",
      attachPdf: false,
      withQr: true,
      selection: { filter: {} },
    });
    expect(total).toBe(5000);
    const letters: Letter[] = [];
    for await (const chunk of batchLetterChunks({ accountId: account.accountId }, batchId)) letters.push(...chunk);
    expect(letters).toHaveLength(5000);
    expect(letters.every((l) => l.qr === null)).toBe(true);
    const text = await pdfText(letters.slice(0, 50));
    expect(text).toContain("Identifiant : noa.");
    expect(text).toContain("Connectez-vous par l'ENT de l'établissement");
    expect(text).not.toContain(PROVISIONAL);
    expect(text).not.toMatch(/Mot de passe provisoire|Code de sécurité/);
    expect(await db.letterToken.count({ where: { accountId: account.accountId } })).toBe(0);

    // Two of them back to a direct sign-in: a new provisional password, printed with its QR code.
    const back = list.rows.slice(0, 2).map((r) => r.key);
    expect(await switchToDirectSignIn(ctx, "ELEVES", { keys: back })).toEqual({ count: 2 });
    expect((await listRecipients(account.accountId, "ELEVES")).throughEnt).toBe(4998);
    const again = await startLetterBatch(ctx, {
      requestKey: randomUUID(),
      population: "ELEVES",
      modelId: model.id,
      output: "PDF",
      attachPdf: false,
      withQr: true,
      selection: { keys: back },
    });
    const direct: Letter[] = [];
    for await (const chunk of batchLetterChunks({ accountId: account.accountId }, again.batchId)) direct.push(...chunk);
    expect(direct.every((l) => l.qr !== null)).toBe(true);
    const directText = await pdfText(direct);
    expect(directText).toContain("Mot de passe provisoire");
    expect(directText).not.toContain("Connectez-vous par l'ENT");

    // The whole list at once: the 4,998 others, read in pages, never one IN of 5,000 ids.
    const start = performance.now();
    expect(await switchToDirectSignIn(ctx, "ELEVES", { filter: {} })).toEqual({ count: 4998 });
    console.log(`'Connexion directe' for 4,998 pupils in ${(performance.now() - start).toFixed(0)} ms`);
    expect((await listRecipients(account.accountId, "ELEVES")).throughEnt).toBe(0);
    await expect(switchToDirectSignIn(ctx, "ELEVES", { filter: {} })).rejects.toThrow(
      "Aucun des destinataires choisis ne se connecte par l'ENT.",
    );
  });
});
