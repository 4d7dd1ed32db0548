import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl, sqlitePath } from "./lib/database-url";

// schema.prisma reads DATABASE_URL (generate insists on a url): give it the default file too.
process.env.DATABASE_URL = databaseUrl();

// The JavaScript schema engine with a driver adapter: migrations run without any native engine.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaBetterSQLite3({ url: sqlitePath(databaseUrl()) });
  },
});
