import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/server/errors";

export const PROOF_REFUSED =
  "Le service d'authentification n'a pas confirmé votre connexion (ticket expiré, déjà utilisé ou émis pour un autre service) : reconnectez-vous.";

/**
 * A directory's proof (a CAS ticket, a SAML assertion's ID) is taken once: its hash is written
 * before it is checked, so that of two requests carrying it — even at the same instant — one only
 * goes on; the row is kept until the proof could not be valid anyway. The server's own "once"
 * (a CAS ticket dies when validated) is not relied on alone.
 */
export async function reserveProof(kind: "cas" | "saml", proof: string, validForMs: number) {
  const key = createHash("sha256").update(`${kind}:${proof}`).digest("base64url");
  await db.usedDirectoryProof.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  try {
    await db.usedDirectoryProof.create({ data: { key, expiresAt: new Date(Date.now() + validForMs) } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("PROOF_REFUSED", PROOF_REFUSED);
    throw error;
  }
}
