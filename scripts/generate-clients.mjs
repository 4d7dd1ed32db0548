#!/usr/bin/env node
// `npm run db:generate` (and the postinstall): the Prisma clients of both databases, from the one
// data model (prisma/schema.prisma; PostgreSQL's schema is written from it by scripts/prisma.mjs).
import { spawnSync } from "node:child_process";
import { usage } from "./usage.mjs";

usage("npm run db:generate : les clients Prisma de SQLite (lib/generated/prisma) et de PostgreSQL (lib/generated/prisma-postgresql)");
for (const args of [["generate"], ["generate", "--schema", "prisma/postgresql/schema.prisma"]]) {
  const result = spawnSync(process.execPath, ["scripts/prisma.mjs", ...args], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
