import "server-only";
import { forbidden } from "@/lib/server/errors";
import { createOperator } from "./create-operator";
import { operatorCan, type OperatorPermission } from "./permissions";
import { type OperatorActor, operatorResendCredentials, operatorResetConsolePassword, operatorResetSecondFactor } from "./support-actions";

type AccountInput = { accountId: string };

/**
 * Every action of /operateur with the permission it needs; `runOperatorAction` is the one door the
 * server actions go through, so that tests/operator.test.ts can walk every action × role.
 */
export const OPERATOR_ACTIONS = {
  "resend-credentials": {
    permission: "credentials.resend",
    run: (op: OperatorActor, input: AccountInput) => operatorResendCredentials(op, input.accountId),
  },
  "reset-console-password": {
    permission: "console-password.reset",
    run: (op: OperatorActor, input: AccountInput) => operatorResetConsolePassword(op, input.accountId),
  },
  "reset-second-factor": {
    permission: "second-factor.reset",
    run: (op: OperatorActor, input: AccountInput & { userId?: string }) => operatorResetSecondFactor(op, input.accountId, input.userId),
  },
  "add-operator": {
    permission: "operators.manage",
    run: (op: OperatorActor, input: { email: string; name: string; role: "SUPPORT" | "ADMINISTRATION" }) =>
      createOperator(input, { actor: `opérateur ${op.name}`, ip: op.ip }),
  },
} as const satisfies Record<string, { permission: OperatorPermission; run: (op: OperatorActor, input: never) => Promise<unknown> }>;

export type OperatorActionName = keyof typeof OPERATOR_ACTIONS;
export type OperatorActionInput<N extends OperatorActionName> = Parameters<(typeof OPERATOR_ACTIONS)[N]["run"]>[1];

export async function runOperatorAction<N extends OperatorActionName>(op: OperatorActor, name: N, input: OperatorActionInput<N>) {
  const action = OPERATOR_ACTIONS[name];
  if (!operatorCan(op.role, action.permission)) throw forbidden();
  return (action.run as (op: OperatorActor, input: OperatorActionInput<N>) => ReturnType<(typeof action)["run"]>)(op, input);
}
