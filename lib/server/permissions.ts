/** Who may do what in the console (SPEC Roles), checked by one call in every action. */
export type ConsoleRole = "HOSTING" | "SUPERADMIN" | "BASE_ADMIN";

export const PERMISSIONS = {
  /** F3 Configuration: "Seul le responsable d'hébergement accède au volet Configuration". */
  configuration: ["HOSTING"],
  /** F4–F6 Contrôleur. */
  controller: ["HOSTING", "SUPERADMIN"],
  /** F7–F9 Mes plannings; a base administrator sees only the plannings where he is in Administration. */
  plannings: ["HOSTING", "SUPERADMIN", "BASE_ADMIN"],
  /** F10 Télécharger le client. */
  client: ["HOSTING", "SUPERADMIN", "BASE_ADMIN"],
  /** F15–F16 Communication: the sending accounts, letter models and sending. */
  letters: ["HOSTING", "SUPERADMIN"],
  /** F11 Mon compte: the hosting account's own facts and certificates. */
  account: ["HOSTING"],
} as const satisfies Record<string, readonly ConsoleRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: ConsoleRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly ConsoleRole[]).includes(role);
}
