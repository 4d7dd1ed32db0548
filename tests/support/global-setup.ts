import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import type { SMTPServer } from "smtp-server";
import { startMailCatcher } from "../../scripts/mail-catcher";

let catcher: SMTPServer | undefined;

/** A fresh database from the committed migrations, and the local SMTP catcher the code sends to. */
export async function setup() {
  rmSync(".data/test", { recursive: true, force: true });
  execFileSync(process.execPath, ["scripts/db-migrate.mjs", "--fresh"], {
    env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL || "file:./.data/test/console.db" },
    stdio: "inherit",
  });
  catcher = await startMailCatcher({ port: Number(process.env.TEST_SMTP_PORT || 2727), mailbox: ".data/test/mailbox.jsonl" });
}

export async function teardown() {
  await new Promise<void>((resolve) => (catcher ? catcher.close(() => resolve()) : resolve()));
}
