// Types of tests/support/saml-users.mjs (read by scripts/saml-idp.mjs and the SAML tests).
export const SAML_USERS: Record<string, { password: string; attributes: Record<string, string> }>;
