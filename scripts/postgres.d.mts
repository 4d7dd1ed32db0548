// Types of scripts/postgres.mjs for the TypeScript that imports it (bench/load.ts).
export const POSTGRES_PORT: number;
export function postgresUrl(database: string): string;
export function startPostgres(): void;
export function stopPostgres(): void;
