/** The e2e console runs on its own port, database, SMTP catcher and SMS outbox. */
export const E2E_PORT = 3100;
export const E2E_DIR = ".data/e2e";

export const E2E_ENV = {
  // scripts/test.mjs walks the guide a second time on PostgreSQL through E2E_DATABASE_URL.
  DATABASE_URL: process.env.E2E_DATABASE_URL || `file:./${E2E_DIR}/console.db`,
  SMTP_URL: "smtp://127.0.0.1:2626",
  MAILBOX: `${E2E_DIR}/mailbox.jsonl`,
  SMS_TRANSPORT: "file",
  SMS_OUTBOX: `${E2E_DIR}/sms-outbox.jsonl`,
  NEXTAUTH_URL: `http://localhost:${E2E_PORT}`,
  NEXTAUTH_SECRET: "e2e-only-secret-not-used-anywhere-else-0123456789",
  PROVISIONAL_KEY: "e2e-only-provisional-key-0123456789abcdef",
  PORT: String(E2E_PORT),
  // The directory, CAS and SAML test servers are on this machine, where the console reaches nothing unless told.
  OUTBOUND_ALLOWED_HOSTS: "127.0.0.1",
};
