import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      // `server-only` throws outside React's server build; tests run the server modules directly.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    // One SQLite file, one writer at a time: test files run one after the other.
    fileParallelism: false,
    testTimeout: 30_000,
    env: {
      // scripts/test.mjs runs the suite a second time on PostgreSQL through TEST_DATABASE_URL.
      DATABASE_URL: process.env.TEST_DATABASE_URL || "file:./.data/test/console.db",
      // TEST_SMTP_PORT lets a second suite run beside another (the catcher of global-setup listens there).
      SMTP_URL: `smtp://127.0.0.1:${process.env.TEST_SMTP_PORT || 2727}`,
      MAILBOX: ".data/test/mailbox.jsonl",
      SMS_TRANSPORT: "file",
      SMS_OUTBOX: ".data/test/sms-outbox.jsonl",
      NEXTAUTH_URL: "http://localhost:3000",
      PROVISIONAL_KEY: "vitest-only-provisional-key-0123456789abcdef",
      NEXTAUTH_SECRET: "vitest-only-nextauth-secret-0123456789abcdef",
      // Background jobs polled often and SMTP refusals for the moment tried again soon: tests wait less.
      JOBS_POLL_MS: "100",
      SMTP_RETRY_SECONDS: "0.3,1.5",
      // The directory, CAS and SAML test servers are on this machine, where the console reaches nothing unless told.
      OUTBOUND_ALLOWED_HOSTS: "127.0.0.1",
    },
  },
});
