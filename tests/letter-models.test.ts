import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { duplicateLetterModel, listLetterModels, restoreOriginalModel, saveLetterModel } from "@/lib/server/letters/letter-models";
import { ORIGINAL_MODELS, ORIGINAL_SMS_MODELS, populationLabel, populationsOf } from "@/lib/letters/original-models";
import { espaceNameOf } from "@/lib/server/letters/recipients";
import { loadLetterRecipients } from "@/lib/server/letters/letter-recipients";
import { importPeople } from "@/lib/server/people/import-people";
import { newAccount } from "./support/fixtures";

const ctx = (accountId: string) => ({ accountId, actor: "responsable", ip: "127.0.0.1" });

describe("F16 Courriers et documents > Modèles", () => {
  it("speaks of étudiants in HYPERPLANNING, as its bases' counters do: tabs, models, Espace, letters", async () => {
    const account = await newAccount("HYPERPLANNING");
    expect(populationsOf("HYPERPLANNING").map((p) => p.label)).toEqual(["Personnels", "Professeurs", "Étudiants", "Responsables"]);
    expect(populationLabel("PRONOTE_CAMPUS", "ELEVES")).toBe("Élèves");
    expect(espaceNameOf("HYPERPLANNING", "ELEVES")).toBe("Espace Étudiants");
    expect(espaceNameOf("PRONOTE", "ELEVES")).toBe("Espace Élèves");
    const models = await listLetterModels(account.accountId);
    expect(models.find((m) => m.population === "ELEVES")?.name).toBe("Connexion des étudiants");
    const planningId = account.plannings[0].id;
    const c = { ...ctx(account.accountId), role: "HOSTING" as const, userId: null };
    await importPeople(c, { population: "ELEVES", planningId, bytes: Buffer.from("Nom;Prénom\nDurand;Inès") });
    const person = await db.espacePerson.findFirstOrThrow({ where: { accountId: account.accountId } });
    const [recipient] = await loadLetterRecipients(account.accountId, "ELEVES", [`person:${person.id}`]);
    expect(recipient.espaceName).toBe("Espace Étudiants");
  });

  it("ships the four letters and three SMS originals once, however many visits arrive at once", async () => {
    const { accountId } = await newAccount();
    await Promise.all(Array.from({ length: 5 }, () => listLetterModels(accountId)));
    const models = await listLetterModels(accountId);
    expect(models.map((m) => m.name).sort()).toEqual([...ORIGINAL_MODELS, ...ORIGINAL_SMS_MODELS].map((m) => m.name).sort());
    expect(models.filter((m) => m.channel === "SMS").map((m) => m.name)).toEqual([
      "Connexion des élèves (SMS)",
      "Connexion des professeurs (SMS)",
      "Connexion des responsables (SMS)",
    ]);
  });

  it("saves a model only without a problem, with every problem named", async () => {
    const { accountId } = await newAccount();
    const [model] = await listLetterModels(accountId);
    await expect(saveLetterModel(ctx(accountId), model.id, "Bonjour [Nome]\n[Identifiant")).rejects.toThrow(
      "Ligne 1 : balise inconnue [Nome]. Ligne 2 : crochet ouvrant sans crochet fermant.",
    );
    expect((await db.letterModel.findUniqueOrThrow({ where: { id: model.id } })).text).toBe(model.text);
    await saveLetterModel(ctx(accountId), model.id, "Bonjour [Prénom]");
    expect((await db.letterModel.findUniqueOrThrow({ where: { id: model.id } })).text).toBe("Bonjour [Prénom]");
  });

  it("duplicates as (copie), (copie 2), and restores an original but not a copy", async () => {
    const { accountId } = await newAccount();
    const staff = (await listLetterModels(accountId)).find((m) => m.name === "Connexion des personnels")!;
    await saveLetterModel(ctx(accountId), staff.id, "Texte personnalisé");
    const first = await duplicateLetterModel(ctx(accountId), staff.id);
    const second = await duplicateLetterModel(ctx(accountId), staff.id);
    expect([first.name, second.name]).toEqual(["Connexion des personnels (copie)", "Connexion des personnels (copie 2)"]);
    expect((await db.letterModel.findUniqueOrThrow({ where: { id: first.id } })).text).toBe("Texte personnalisé");
    expect(await restoreOriginalModel(ctx(accountId), staff.id)).toEqual({ text: ORIGINAL_MODELS[0].text });
    await expect(restoreOriginalModel(ctx(accountId), first.id)).rejects.toThrow(/copie : il n'a pas d'original/);
  });
});
