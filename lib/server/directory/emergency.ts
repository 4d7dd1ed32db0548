import "server-only";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { enabledLdap } from "./ldap";

export const NO_EMERGENCY_ACCOUNT =
  "Gardez au moins un superadministrateur sans Identifiant LDAP (le compte de secours) : il se connecte avec son mot de passe local quand l'annuaire ne répond pas.";

/**
 * "Never locked out": with LDAP on, at least one active superadministrator signs in with a local
 * password. Called in the transaction of the change, after it: the controller's row is written
 * first, so that two changes at once wait for each other instead of each leaving the other's
 * superadministrator as the last one (on PostgreSQL; SQLite's transactions are serial already).
 * `field` is where the refusal is said.
 */
export async function requireEmergencyAccount(tx: Tx, accountId: string, field: string) {
  await tx.controller.updateMany({ where: { accountId }, data: { updatedAt: new Date() } });
  const controller = await tx.controller.findUnique({ where: { accountId }, select: { ldapSettings: true } });
  if (!controller || !enabledLdap(controller)) return;
  const locals = await tx.controllerUser.count({ where: { accountId, status: "SUPERADMIN", disabled: false, ldapId: "" } });
  if (locals === 0) throw new AppError("NO_EMERGENCY_ACCOUNT", NO_EMERGENCY_ACCOUNT, field);
}
