"use server";

import { consoleAction } from "./action-client";
import { personalAccountSchema, secretQuestionSchema, sendingCodeSchema } from "@/lib/schemas/sending-account";
import { secureSendingAccount, startPersonalAccount, verifySendingCode } from "@/lib/server/sending-account/personal-account";

export const startPersonalAccountAction = consoleAction("letters", personalAccountSchema, (input, ctx) =>
  startPersonalAccount(ctx, input),
);

export const verifySendingCodeAction = consoleAction("letters", sendingCodeSchema, (input, ctx) => verifySendingCode(ctx, input.code));

export const secureSendingAccountAction = consoleAction("letters", secretQuestionSchema, (input, ctx) =>
  secureSendingAccount(ctx, input),
);
