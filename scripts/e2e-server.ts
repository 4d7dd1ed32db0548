// Starts what the e2e tests walk through: a fresh database, the SMTP catcher, and the built console
// (`npm start`'s scripts/server.mjs, so that the tests see what production serves).
import { execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { startMailCatcher, smtpPortFromEnv } from "./mail-catcher";

const dir = process.env.E2E_DIR ?? ".data/e2e";
rmSync(dir, { recursive: true, force: true });
execFileSync(process.execPath, ["scripts/db-migrate.mjs", "--fresh"], { stdio: "inherit", env: process.env });
await startMailCatcher({ port: smtpPortFromEnv(), mailbox: process.env.MAILBOX! });

const next = spawn(process.execPath, ["scripts/server.mjs"], {
  stdio: "inherit",
  env: { ...process.env, PORT: process.env.PORT ?? "3100", NODE_ENV: "production" },
});
const stop = () => next.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
next.on("exit", (code) => process.exit(code ?? 0));
