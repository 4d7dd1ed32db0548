"use server";

import { z } from "zod";
import { consoleAction } from "./action-client";
import { duplicateLetterModel, restoreOriginalModel, saveLetterModel } from "@/lib/server/letters/letter-models";
import { allowedSendersSchema, personalAccountSchema, secretQuestionSchema, sendingCodeSchema } from "@/lib/schemas/sending-account";
import { secureSendingAccount, verifySendingCode } from "@/lib/server/sending-account/verify-account";
import { resendSendingCode, startEstablishmentAccount, startPersonalAccount } from "@/lib/server/sending-account/start-account";
import { setAllowedSenders } from "@/lib/server/sending-account/accounts";
import { importPeople, previewPeopleImport } from "@/lib/server/people/import-people";
import { peopleImportSchema } from "@/lib/schemas/people-import";
import { siecleImportSchema, stsImportSchema } from "@/lib/schemas/siecle-import";
import { applySiecleImport, previewSiecleImport } from "@/lib/server/siecle/siecle-import";
import { applyStsImport, previewStsImport } from "@/lib/server/siecle/sts-import";
import { batchIdSchema, previewLetterSchema, reissuePasswordsSchema, sendLettersSchema } from "@/lib/schemas/letters";
import { getLetterBatch } from "@/lib/server/letters/batch-progress";
import { previewLetterOf } from "@/lib/server/letters/batch-letters";
import { startLetterBatch } from "@/lib/server/letters/letter-batches";
import { reissueProvisionalPasswords } from "@/lib/server/people/reissue-passwords";
import { switchToDirectSignIn } from "@/lib/server/people/switch-off-ent";

export const startPersonalAccountAction = consoleAction("letters", personalAccountSchema, (input, ctx) => startPersonalAccount(ctx, input));

/** F15 an establishment's account, for the staff an administrator names. */
export const startEstablishmentAccountAction = consoleAction("letters", personalAccountSchema, (input, ctx) =>
  startEstablishmentAccount(ctx, input),
);

export const resendSendingCodeAction = consoleAction(
  "letters",
  z.object({ sendingAccountId: z.string().max(64).optional() }),
  (input, ctx) => resendSendingCode(ctx, input.sendingAccountId),
);

export const verifySendingCodeAction = consoleAction("letters", sendingCodeSchema, (input, ctx) =>
  verifySendingCode(ctx, input.code, input.sendingAccountId),
);

export const secureSendingAccountAction = consoleAction("letters", secretQuestionSchema, ({ sendingAccountId, ...input }, ctx) =>
  secureSendingAccount(ctx, input, sendingAccountId),
);

export const setAllowedSendersAction = consoleAction("letters", allowedSendersSchema, (input, ctx) =>
  setAllowedSenders(ctx, input.sendingAccountId, input.userIds),
);

const modelId = z.string().min(1).max(64);

export const saveLetterModelAction = consoleAction(
  "letters",
  z.object({ modelId, text: z.string().max(20_000, "Le modèle ne peut pas dépasser 20 000 caractères.") }),
  (input, ctx) => saveLetterModel(ctx, input.modelId, input.text),
);

export const duplicateLetterModelAction = consoleAction("letters", z.object({ modelId }), (input, ctx) =>
  duplicateLetterModel(ctx, input.modelId),
);

export const restoreOriginalModelAction = consoleAction("letters", z.object({ modelId }), (input, ctx) =>
  restoreOriginalModel(ctx, input.modelId),
);

const importInput = async (input: z.output<typeof peopleImportSchema>) => ({
  population: input.population,
  planningId: input.planningId,
  bytes: Buffer.from(await input.file.arrayBuffer()),
  mapping: input.mapping,
});

/** "Importer un fichier CSV", first step: the report and the column mapping; nothing is written. */
export const previewPeopleImportAction = consoleAction("letters", peopleImportSchema, async (input, ctx) =>
  previewPeopleImport(ctx, await importInput(input)),
);

export const importPeopleAction = consoleAction("letters", peopleImportSchema, async (input, ctx) =>
  importPeople(ctx, await importInput(input)),
);

const siecleInput = async (input: z.output<typeof siecleImportSchema>) => ({
  ...input,
  pupils: { name: input.pupils.name, bytes: Buffer.from(await input.pupils.arrayBuffer()) },
  responsables: input.responsables && { name: input.responsables.name, bytes: Buffer.from(await input.responsables.arrayBuffer()) },
});

/** "SIECLE > Récupérer les données des élèves", first step: arrivals, departures, changes; nothing is written. */
export const previewSiecleImportAction = consoleAction("letters", siecleImportSchema, async (input, ctx) =>
  previewSiecleImport(ctx, await siecleInput(input)),
);

export const applySiecleImportAction = consoleAction("letters", siecleImportSchema, async (input, ctx) =>
  applySiecleImport(ctx, await siecleInput(input)),
);

const stsInput = async (input: z.output<typeof stsImportSchema>) => ({
  ...input,
  file: { name: input.file.name, bytes: Buffer.from(await input.file.arrayBuffer()) },
});

/** "Imports / Exports STSWEB > Récupérer des données", first step: the report; nothing is written. */
export const previewStsImportAction = consoleAction("letters", stsImportSchema, async (input, ctx) =>
  previewStsImport(ctx, await stsInput(input)),
);

export const applyStsImportAction = consoleAction("letters", stsImportSchema, async (input, ctx) =>
  applyStsImport(ctx, await stsInput(input)),
);

/** "Imprimer / Générer / Mailer" → "Envoyer l'e-mail". */
export const startLetterBatchAction = consoleAction("letters", sendLettersSchema, (input, ctx) => startLetterBatch(ctx, input));

/** The progress of a batch, polled by the page that shows it (and by the one that finds it again). */
export const previewLetterAction = consoleAction("letters", previewLetterSchema, (input, ctx) => previewLetterOf(ctx, input));

export const letterBatchProgressAction = consoleAction("letters", batchIdSchema, (input, ctx) => getLetterBatch(ctx, input.batchId));

export const reissueProvisionalPasswordsAction = consoleAction("letters", reissuePasswordsSchema, (input, ctx) =>
  reissueProvisionalPasswords(ctx, input.population, input.selection),
);

/** "Connexion directe": people of an ENT-integrated Espace given a provisional password again. */
export const switchToDirectSignInAction = consoleAction("letters", reissuePasswordsSchema, (input, ctx) =>
  switchToDirectSignIn(ctx, input.population, input.selection),
);
