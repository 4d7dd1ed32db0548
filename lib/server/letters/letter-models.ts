import "server-only";
import { db } from "@/lib/db";
import { checkModel } from "@/lib/letters/model-tags";
import { ORIGINAL_MODELS, ORIGINAL_SMS_MODELS, originalModelName } from "@/lib/letters/original-models";
import { checkSmsModel } from "@/lib/letters/sms-length";

const ORIGINALS: {
  key: string;
  name: string;
  population: (typeof ORIGINAL_MODELS)[number]["population"];
  text: string;
  channel?: string;
}[] = [...ORIGINAL_MODELS, ...ORIGINAL_SMS_MODELS];
import { AppError, isUniqueViolation, notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Actor } from "@/lib/server/actor";

/** The originals are there from the first visit; one already created by a parallel visit is fine. */
export async function listLetterModels(accountId: string) {
  const existing = await db.letterModel.findMany({ where: { accountId }, select: { originalKey: true } });
  const have = new Set(existing.map((m) => m.originalKey));
  const missing = ORIGINALS.filter((o) => !have.has(o.key));
  const product =
    missing.length > 0 ? (await db.hostingAccount.findUniqueOrThrow({ where: { id: accountId }, select: { product: true } })).product : "";
  for (const original of missing) {
    try {
      await db.letterModel.create({
        data: {
          accountId,
          name: originalModelName(product, original),
          population: original.population,
          channel: original.channel ?? "LETTER",
          originalKey: original.key,
          text: original.text,
        },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return db.letterModel.findMany({ where: { accountId }, orderBy: [{ population: "asc" }, { name: "asc" }] });
}

async function modelOf(accountId: string, modelId: string) {
  const model = await db.letterModel.findFirst({ where: { id: modelId, accountId } });
  if (!model) throw notFound();
  return model;
}

/** Saved only without a problem: a model with an unknown tag never reaches a letter. */
export async function saveLetterModel(ctx: Actor, modelId: string, text: string) {
  const model = await modelOf(ctx.accountId, modelId);
  const problems = [...checkModel(text), ...(model.channel === "SMS" ? checkSmsModel(text) : [])];
  if (problems.length > 0) throw new AppError("MODEL", problems.map((p) => p.message).join(" "), "text");
  await db.$transaction(async (tx) => {
    await tx.letterModel.update({ where: { id: model.id }, data: { text } });
    await recordAuditEvent({ ...ctx, action: "letter-model.save", detail: model.name }, tx);
  });
  return { name: model.name };
}

/** "Dupliquer la sélection": "<nom> (copie)", "(copie 2)" … */
export async function duplicateLetterModel(ctx: Actor, modelId: string) {
  const model = await modelOf(ctx.accountId, modelId);
  for (let n = 1; n <= 50; n++) {
    const name = `${model.name} (copie${n > 1 ? ` ${n}` : ""})`;
    try {
      const copy = await db.letterModel.create({
        data: { accountId: ctx.accountId, name, population: model.population, channel: model.channel, originalKey: null, text: model.text },
      });
      await recordAuditEvent({ ...ctx, action: "letter-model.duplicate", detail: `${model.name} → ${name}` });
      return { id: copy.id, name };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new AppError("TOO_MANY_COPIES", "Ce modèle a déjà 50 copies : modifiez l'une d'elles.");
}

/** "Restaurer l'original": the shipped text comes back; a copy has no original. */
export async function restoreOriginalModel(ctx: Actor, modelId: string) {
  const model = await modelOf(ctx.accountId, modelId);
  const original = ORIGINALS.find((o) => o.key === model.originalKey);
  if (!original) throw new AppError("NO_ORIGINAL", "Ce modèle est une copie : il n'a pas d'original à restaurer.");
  await db.$transaction(async (tx) => {
    await tx.letterModel.update({ where: { id: model.id }, data: { text: original.text } });
    await recordAuditEvent({ ...ctx, action: "letter-model.restore", detail: model.name }, tx);
  });
  return { text: original.text };
}
