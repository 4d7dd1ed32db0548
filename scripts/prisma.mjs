#!/usr/bin/env node
// Runs the Prisma CLI. Prisma 6 fetches native engines at start-up unless these two variables name
// existing files; this project needs none (JavaScript schema engine, query compiler), and this
// machine cannot download them, so any existing file will do.
// Before each run, PostgreSQL's schema is written again from prisma/schema.prisma, the one data model.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { writePostgresSchema } from "./postgres-schema.mjs";

writePostgresSchema();
const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});
process.exit(result.status ?? 1);
