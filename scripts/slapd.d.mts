// Types of scripts/slapd.mjs for the TypeScript that imports it (tests/ldap.test.ts).
export const SLAPD_PORT: number;
export const SLAPD_TLS_PORT: number;
export const SLAPD_DIR: string;
export function startSlapd(): Promise<void>;
export function stopSlapd(): void;
