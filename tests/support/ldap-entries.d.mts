// Types of tests/support/ldap-entries.mjs (read by scripts/slapd.mjs and the LDAP tests).
export const LDAP_SUFFIX: string;
export const LDAP_ADMIN: string;
export const LDAP_ADMIN_PASSWORD: string;
export const LDAP_SERVICE: { dn: string; password: string };
export const LDAP_PEOPLE: { uid: string; cn: string; sn: string; password: string; employeeNumber: string }[];
export function ldapEntries(hash: (secret: string) => string): string;
