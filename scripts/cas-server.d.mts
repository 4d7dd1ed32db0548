// Types of scripts/cas-server.mjs for the TypeScript that imports it (the CAS tests).
export const CAS_PORT: number;
export const CAS_DIR: string;
export const CAS_URL: string;
export function startCasServer(): Promise<void>;
export function stopCasServer(): void;
