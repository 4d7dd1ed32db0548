// Types of scripts/saml-idp.mjs for the TypeScript that imports it (the SAML tests).
export const SAML_PORT: number;
export const SAML_DIR: string;
export const SAML_IDP_URL: string;
export const SAML_IDP_METADATA: string;
export function startSamlIdp(): Promise<void>;
export function stopSamlIdp(): void;
