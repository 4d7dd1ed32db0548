// PostgreSQL's schema is derived from prisma/schema.prisma (the one data model, written portable):
// the same models with another provider and the generated client beside SQLite's.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const SOURCE = "prisma/schema.prisma";
const TARGET = "prisma/postgresql/schema.prisma";

export function postgresSchema(source) {
  const replace = (text, from, to) => {
    if (!from.test(text)) throw new Error(`${SOURCE} : ${from} introuvable, le schéma PostgreSQL ne peut être dérivé.`);
    return text.replace(from, to);
  };
  let schema = replace(source, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
  schema = replace(schema, /output\s*=\s*"\.\.\/lib\/generated\/prisma"/, 'output     = "../../lib/generated/prisma-postgresql"');
  return `// Generated from ${SOURCE} by scripts/postgres-schema.mjs: edit that file, not this one.\n${schema}`;
}

export function writePostgresSchema() {
  const schema = postgresSchema(readFileSync(SOURCE, "utf8"));
  mkdirSync("prisma/postgresql", { recursive: true });
  let current = "";
  try {
    current = readFileSync(TARGET, "utf8");
  } catch {}
  if (current !== schema) writeFileSync(TARGET, schema);
}
