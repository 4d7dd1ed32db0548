import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/server/errors";

export const PROOF_REFUSED =
  "Le service d'authentification n'a pas confirmé votre connexion (ticket expiré, déjà utilisé ou émis pour un autre service) : reconnectez-vous.";

/**
 * A CAS service ticket is taken once: its hash is written before it is checked, so that of two
 * requests carrying it — even at the same instant — one only goes on. The row is kept until the
 * ticket could not be valid anyway; the hourly purge then drops it. The server's own "once" (a
 * ticket dies when validated) is not relied on alone. (A SAML response is taken once by its
 * request instead: saml-sign-in.ts.)
 */
export async function reserveProof(kind: "cas", proof: string, validForMs: number) {
  const key = createHash("sha256").update(`${kind}:${proof}`).digest("base64url");
  try {
    await db.usedDirectoryProof.create({ data: { key, expiresAt: new Date(Date.now() + validForMs) } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("PROOF_REFUSED", PROOF_REFUSED);
    throw error;
  }
}
