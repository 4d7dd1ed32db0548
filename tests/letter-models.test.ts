import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { duplicateLetterModel, listLetterModels, restoreOriginalModel, saveLetterModel } from "@/lib/server/letters/letter-models";
import { ORIGINAL_MODELS } from "@/lib/letters/original-models";
import { newAccount } from "./support/fixtures";

const ctx = (accountId: string) => ({ accountId, actor: "responsable", ip: "127.0.0.1" });

describe("F16 Courriers et documents > Modèles", () => {
  it("ships the four originals once, however many visits arrive at once", async () => {
    const { accountId } = await newAccount();
    await Promise.all(Array.from({ length: 5 }, () => listLetterModels(accountId)));
    const models = await listLetterModels(accountId);
    expect(models.map((m) => m.name).sort()).toEqual(ORIGINAL_MODELS.map((m) => m.name).sort());
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
