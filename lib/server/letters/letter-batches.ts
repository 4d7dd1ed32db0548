import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { checkModel } from "@/lib/letters/model-tags";
import { MOBILE_POPULATIONS, type Population } from "@/lib/letters/original-models";
import { AppError, isUniqueViolation, notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { usableSendingAccount } from "@/lib/server/sending-account/accounts";
import { jobs } from "@/lib/server/jobs/engine";
import { byHousehold, chooseRecipients, type RecipientSelection } from "./choose-recipients";
import type { ConsoleActor } from "@/lib/server/actor";
import type { LabelFormat } from "@/lib/schemas/letters";

export type LetterOutput = "PRINT" | "PDF" | "EMAIL" | "LABELS" | "SMS";

export type StartBatchInput = {
  requestKey: string;
  population: Population;
  modelId: string;
  output: LetterOutput;
  attachPdf: boolean;
  withQr: boolean;
  selection: RecipientSelection;
  /** "Un courrier par adresse" (Responsables, printed or PDF letters). */
  perHousehold?: boolean;
  labelFormat?: LabelFormat;
  /** The establishment's postal address as the dialog shows it: kept for the next letters. */
  establishmentAddress?: string;
};

export const NO_SENDING_ACCOUNT =
  "Aucun compte d'envoi vérifié : paramétrez l'envoi d'e-mails (Communication > Paramétrer l'envoi d'e-mails) avant d'envoyer.";

export async function modelOf(accountId: string, modelId: string, population: Population) {
  const model = await db.letterModel.findFirst({ where: { id: modelId, accountId } });
  if (!model) throw notFound();
  if (model.population !== population) throw new AppError("MODEL_POPULATION", "Ce modèle est destiné à une autre population.", "modelId");
  if (checkModel(model.text).length > 0) {
    throw new AppError(
      "MODEL_INVALID",
      "Ce modèle contient une balise inconnue ou mal formée : corrigez-le dans Courriers et documents > Modèles.",
      "modelId",
    );
  }
  return model;
}

/**
 * "Imprimer / Générer / Mailer": records once what is to be sent to whom — one delivery per
 * recipient, which every later step reads back a chunk at a time. The dialog names the request, so
 * a double click or a retry finds the batch it already started instead of sending twice. E-mails
 * go out in the background (a job, run by whichever instance is alive); a PDF is made when it is
 * downloaded. Recipients without an e-mail address are set aside for a printed letter.
 */
export async function startLetterBatch(ctx: ConsoleActor, input: StartBatchInput) {
  const [dedupeKey, previousKey] = dedupeKeys(input);
  const existing = await db.letterBatch.findFirst({
    where: { accountId: ctx.accountId, OR: [{ requestKey: input.requestKey }, { dedupeKey: { in: [dedupeKey, previousKey] } }] },
    select: { id: true },
  });
  if (existing) return summary(existing.id, ctx.accountId, true);

  const model = await modelOf(ctx.accountId, input.modelId, input.population);
  if ((model.channel === "SMS") !== (input.output === "SMS")) {
    throw new AppError(
      "MODEL_CHANNEL",
      input.output === "SMS" ? "Choisissez un modèle de SMS (Connexion des … (SMS))." : "Ce modèle est un SMS : choisissez la sortie SMS.",
      "modelId",
    );
  }
  const perHousehold =
    input.perHousehold === true && input.population === "RESPONSABLES" && (input.output === "PRINT" || input.output === "PDF");
  const chosen = await chooseRecipients(ctx.accountId, input.population, input.selection);
  const recipients = perHousehold ? byHousehold(chosen) : chosen;
  if (recipients.length === 0) throw new AppError("NO_RECIPIENT", "Sélectionnez au moins un destinataire.", "selection");
  if (recipients.length > MAX_BATCH) {
    throw new AppError("TOO_MANY", "Envoyez au plus 20 000 courriers à la fois : filtrez la liste (par classe, par exemple).", "selection");
  }
  const sender = input.output === "EMAIL" ? await usableSendingAccount(ctx) : null;
  if (input.output === "EMAIL" && !sender) throw new AppError("NO_SENDING_ACCOUNT", NO_SENDING_ACCOUNT);

  let batchId: string;
  try {
    batchId = await db.$transaction(
      async (tx) => {
        const batch = await tx.letterBatch.create({
          data: {
            accountId: ctx.accountId,
            requestKey: input.requestKey,
            dedupeKey,
            actor: ctx.actor,
            output: input.output,
            perHousehold,
            labelFormat: input.output === "LABELS" ? (input.labelFormat ?? "3x8") : "",
            attachPdf: input.output === "EMAIL" && input.attachPdf,
            // The staff's letters have no QR code, whatever the window asked.
            // Labels never carry one either.
            withQr: input.withQr && input.output !== "LABELS" && input.output !== "SMS" && MOBILE_POPULATIONS.includes(input.population),
            modelId: model.id,
            // "Imprimer des étiquettes" has its one model.
            modelName: input.output === "LABELS" ? "Informations de connexion" : model.name,
            population: input.population,
            sendingAccountId: sender?.id ?? null,
            total: recipients.length,
          },
        });
        await tx.letterDelivery.createMany({
          data: recipients.map((r, position) => ({
            batchId: batch.id,
            position,
            recipient: r.key,
            name: `${r.lastName.toUpperCase()} ${r.firstName}`,
            email: input.output === "EMAIL" ? r.email : "",
            mobile: input.output === "SMS" ? r.smsTo : "",
            // Nothing to send it to: the letter is to be printed for him.
            status: (input.output === "EMAIL" && !r.email) || (input.output === "SMS" && !r.smsTo) ? "PRINT" : "PENDING",
          })),
        });
        if (input.establishmentAddress !== undefined) {
          await tx.hostingAccount.update({ where: { id: ctx.accountId }, data: { postalAddress: input.establishmentAddress } });
        }
        await recordAuditEvent(
          {
            accountId: ctx.accountId,
            actor: ctx.actor,
            ip: ctx.ip,
            action: "letters.batch",
            detail: `${model.name} : ${recipients.length} destinataire(s), sortie ${input.output}${perHousehold ? ", un courrier par adresse" : ""}${input.withQr ? "" : ", sans QR code"}`,
          },
          tx,
        );
        return batch.id;
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The same request or the same sending, a moment earlier in another tab or instance.
    const same = await db.letterBatch.findFirst({
      where: { accountId: ctx.accountId, OR: [{ requestKey: input.requestKey }, { dedupeKey }] },
      select: { id: true },
    });
    if (!same) throw error;
    return summary(same.id, ctx.accountId, true);
  }
  // Should this job be lost (the instance stopped right here), the minute's recovery sends another.
  if (input.output === "EMAIL" || input.output === "SMS")
    await jobs()
      .send("letters.batch", { batchId })
      .catch((error) => console.error("letters: job not sent", batchId, error));
  return summary(batchId, ctx.accountId);
}

/** A batch names at most this many recipients (a lycée's largest population fits three times). */
export const MAX_BATCH = 20_000;

/** The same sending asked again this soon (a second tab, a retry after a timeout) is the batch already started. */
const DEDUPE_WINDOW_MS = 10 * 60_000;

/** What is asked, hashed, with this ten minutes' slot and the previous one's. */
function dedupeKeys(input: StartBatchInput, now = Date.now()): [string, string] {
  const { selection } = input;
  const whom = selection.filter
    ? {
        filter: {
          group: selection.filter.group ?? "",
          search: selection.filter.search ?? "",
          password: selection.filter.password ?? "",
          source: selection.filter.source ?? "",
        },
      }
    : { keys: [...new Set(selection.keys ?? [])].sort() };
  const what = createHash("sha256")
    .update(
      JSON.stringify([
        input.population,
        input.modelId,
        input.output,
        input.attachPdf,
        input.withQr,
        input.perHousehold === true,
        input.labelFormat ?? "",
        whom,
      ]),
    )
    .digest("hex");
  const slot = Math.floor(now / DEDUPE_WINDOW_MS);
  return [`${what}:${slot}`, `${what}:${slot - 1}`];
}

async function summary(batchId: string, accountId: string, already = false) {
  const batch = await db.letterBatch.findFirst({ where: { id: batchId, accountId } });
  if (!batch) throw notFound();
  const withoutEmail = await db.letterDelivery.count({ where: { batchId, status: "PRINT" } });
  return {
    batchId,
    output: batch.output as LetterOutput,
    total: batch.total,
    withoutEmail,
    already,
    createdAt: batch.createdAt.toISOString(),
  };
}
