/**
 * What each of the provider's roles may do in /operateur (issue 29), checked by one call in every
 * operator action; tests/operator.test.ts walks every action × role.
 */
export const OPERATOR_ROLES = { SUPPORT: "Support", ADMINISTRATION: "Administration" } as const;
export type OperatorRole = keyof typeof OPERATOR_ROLES;

export const OPERATOR_PERMISSIONS = {
  /** The accounts list, an account's page, its journal (read-only), the funnel. */
  "accounts.read": ["SUPPORT", "ADMINISTRATION"],
  /** "Renvoyer les identifiants d'hébergement" (e-mail and SMS again). */
  "credentials.resend": ["SUPPORT", "ADMINISTRATION"],
  /** A new console password, by SMS. */
  "console-password.reset": ["SUPPORT", "ADMINISTRATION"],
  /** A lost device: the second factor of a school's responsible or superadministrator removed. */
  "second-factor.reset": ["SUPPORT", "ADMINISTRATION"],
  /** F1: a new hosting account. */
  "account.provision": ["ADMINISTRATION"],
  "licences.change": ["ADMINISTRATION"],
  "account.suspend": ["ADMINISTRATION"],
  "account.close": ["ADMINISTRATION"],
  /** The operators themselves: add one, change his role, disable him, reset his second factor. */
  "operators.manage": ["ADMINISTRATION"],
} as const satisfies Record<string, readonly OperatorRole[]>;

export type OperatorPermission = keyof typeof OPERATOR_PERMISSIONS;

export function operatorCan(role: OperatorRole, permission: OperatorPermission): boolean {
  return (OPERATOR_PERMISSIONS[permission] as readonly OperatorRole[]).includes(role);
}
