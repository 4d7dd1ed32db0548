// The README's first command: migrations applied (by the npm script), a local SMTP catcher, a demo
// hosting account, then the console itself, with the address and credentials printed.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { startMailCatcher, smtpPortFromEnv } from "./mail-catcher";
import { DEFAULT_MAILBOX } from "@/lib/dev/outboxes";
import { provisionHostingAccount } from "@/lib/server/hosting-account/provision-hosting-account";
import { db } from "@/lib/db";

const PORT = Number(process.env.PORT || 3000);
const URL_ = process.env.NEXTAUTH_URL || `http://localhost:${PORT}`;
const SECRET_FILE = ".data/dev-secret";
const PROVISIONAL_KEY_FILE = ".data/provisional-key";
const DEMO_FILE = ".data/demo-credentials.json";

type Demo = { hostingNumber: string; invoiceNumber: string; consolePassword: string };

mkdirSync(".data", { recursive: true });
if (!existsSync(SECRET_FILE)) writeFileSync(SECRET_FILE, randomBytes(32).toString("base64url"), { mode: 0o600 });
process.env.NEXTAUTH_SECRET ||= readFileSync(SECRET_FILE, "utf8").trim();
if (!existsSync(PROVISIONAL_KEY_FILE)) {
  writeFileSync(PROVISIONAL_KEY_FILE, randomBytes(32).toString("base64url"), { mode: 0o600 });
}
process.env.PROVISIONAL_KEY ||= readFileSync(PROVISIONAL_KEY_FILE, "utf8").trim();
process.env.NEXTAUTH_URL = URL_;
process.env.SMTP_URL ||= "smtp://127.0.0.1:2525";

await startMailCatcher({ port: smtpPortFromEnv(), mailbox: process.env.MAILBOX || DEFAULT_MAILBOX });

async function demoAccount(): Promise<Demo> {
  if (existsSync(DEMO_FILE)) {
    const saved = JSON.parse(readFileSync(DEMO_FILE, "utf8")) as Demo;
    if (await db.hostingAccount.findUnique({ where: { hostingNumber: saved.hostingNumber } })) return saved;
  }
  const created = await provisionHostingAccount(
    {
      product: "PRONOTE_CAMPUS",
      establishment: "École de démonstration",
      responsibleName: "Camille Martin",
      responsibleEmail: "responsable@ecole-demo.fr",
      responsibleMobile: "0612345678",
    },
    { actor: "démonstration" },
  );
  const demo = {
    hostingNumber: created.hostingNumber,
    invoiceNumber: created.invoiceNumber,
    consolePassword: created.consolePassword,
  };
  // Development only: the demo's secrets are kept so that the next start can print them again.
  writeFileSync(DEMO_FILE, JSON.stringify(demo, null, 2), { mode: 0o600 });
  return demo;
}

const demo = await demoAccount();
await db.$disconnect();

console.log(`
Console d'hébergement : ${URL_}/connexion

Compte de démonstration (PRONOTE Campus) :
  Numéro d'hébergement         ${demo.hostingNumber}
  Mot de passe de la console   ${demo.consolePassword}
  Numéro de facture            ${demo.invoiceNumber}

E-mails et SMS envoyés : npm run console -- outbox
`);

// The console's own server in development mode: the journal and the throttle see real addresses.
const next = spawn(process.execPath, ["scripts/server.mjs", "--dev"], {
  stdio: "inherit",
  env: { ...process.env, PORT: String(PORT) },
});
const stop = () => next.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
next.on("exit", (code) => process.exit(code ?? 0));
