"use server";

import { z } from "zod";
import { consoleAction } from "./action-client";
import { duplicateLetterModel, restoreOriginalModel, saveLetterModel } from "@/lib/server/letters/letter-models";
import { personalAccountSchema, secretQuestionSchema, sendingCodeSchema } from "@/lib/schemas/sending-account";
import { secureSendingAccount, startPersonalAccount, verifySendingCode } from "@/lib/server/sending-account/personal-account";

export const startPersonalAccountAction = consoleAction("letters", personalAccountSchema, (input, ctx) =>
  startPersonalAccount(ctx, input),
);

export const verifySendingCodeAction = consoleAction("letters", sendingCodeSchema, (input, ctx) => verifySendingCode(ctx, input.code));

export const secureSendingAccountAction = consoleAction("letters", secretQuestionSchema, (input, ctx) =>
  secureSendingAccount(ctx, input),
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
