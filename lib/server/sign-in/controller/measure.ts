import "server-only";
import { AppError } from "@/lib/server/errors";
import { hashSecret } from "@/lib/server/security/secrets";
import { pinProblem } from "./pin";

type Choice = { measure: "NONE" | "NOTIFY" | "PIN"; pin?: string; pinConfirmation?: string };

/**
 * Checks a measure against what the Sécurité tab allows and, for a PIN, its rules and its second
 * typing; returns the PIN's argon2id hash (null for the other measures).
 */
export async function checkedPinHash(
  controller: { allowedMeasures: string; pinMinLength: number },
  choice: Choice,
): Promise<string | null> {
  if (!controller.allowedMeasures.split(",").includes(choice.measure)) {
    throw new AppError("NOT_ALLOWED", "Votre établissement ne propose pas cette mesure.", "measure");
  }
  if (choice.measure !== "PIN") return null;
  const problem = pinProblem(choice.pin ?? "", controller.pinMinLength);
  if (problem) throw new AppError("PIN", problem, "pin");
  if (choice.pin !== choice.pinConfirmation) {
    throw new AppError("PIN_CONFIRMATION", "Les deux codes PIN saisis sont différents.", "pinConfirmation");
  }
  return hashSecret(choice.pin!);
}
