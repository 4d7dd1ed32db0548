// Types of scripts/sqlite-file.mjs for the TypeScript that imports it (lib/db.ts).
export function ensurePrivateSqliteFile(file: string): void;
