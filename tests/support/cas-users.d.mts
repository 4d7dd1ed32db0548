// Types of tests/support/cas-users.mjs (read by scripts/cas-server.mjs and the CAS tests).
export const CAS_USERS: Record<string, { password: string; attributes: Record<string, string> }>;
