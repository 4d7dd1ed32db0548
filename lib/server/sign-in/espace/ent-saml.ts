import "server-only";
import { AppError } from "@/lib/server/errors";
import { samlIdentity, validatedProfile } from "@/lib/server/sign-in/directory/saml-sign-in";
import { entOf, entSamlScope, espaceOfPlanning, NO_ENT, signInEntIdentity } from "./ent-sign-in";

/**
 * Back from a SAML ENT (the generic "Autre ENT (fournisseur d'identité SAML 2.0)"): the response
 * checked as a controller's is (signatures against the ENT's metadata, audience, recipient,
 * validity, InResponseTo one of this Espace's requests for this browser's sign-in, once), then
 * matched as a CAS identity is.
 */
export async function finishEntSamlSignIn(planningId: string, samlResponse: string, client: { ip: string }, tag: string) {
  const { espace, address } = await espaceOfPlanning(planningId);
  const ent = entOf(espace);
  if (ent.family !== "SAML" || !ent.idp) throw new AppError("NO_CAS", NO_ENT);
  const profile = await validatedProfile(entSamlScope(espace.planning.id, tag), ent.idp, samlResponse);
  return signInEntIdentity(espace, ent, samlIdentity(profile, ent.identifierAttribute), address, client, "SAML");
}
