import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { migrationPool } from "./lib/postgres-migrate-pool";
import { databaseUrl, isPostgresUrl, POSTGRES_SCHEMA, SQLITE_SCHEMA, sqlitePath } from "./lib/database-url";

// The schemas read DATABASE_URL (generate insists on a url): give them the default file too.
const url = databaseUrl();
process.env.DATABASE_URL = url;
const postgres = isPostgresUrl(url);

// The JavaScript schema engine with a driver adapter: migrations run without any native engine.
// DATABASE_URL chooses the database, hence the schema and the migrations folder beside it.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? POSTGRES_SCHEMA : SQLITE_SCHEMA,
  async adapter() {
    return postgres ? new PrismaPg(migrationPool(url)) : new PrismaBetterSQLite3({ url: sqlitePath(url) });
  },
});
