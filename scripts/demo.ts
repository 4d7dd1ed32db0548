// The README's first command: migrations applied, the production build (made once, made again when
// the code changed), a local SMTP catcher, a demo hosting account, then the console itself as
// `npm start` serves it, with the address and credentials printed. Next's telemetry is off.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { usage } from "./usage.mjs";

usage(`
npm run demo   la console de démonstration sur http://localhost:3000 (PORT), avec un compte prêt à l'emploi
La première fois (et après chaque modification du code), la console est compilée : compter une minute.
`);
process.env.NEXT_TELEMETRY_DISABLED = "1";
execFileSync(process.execPath, ["scripts/db-migrate.mjs"], { stdio: "inherit" });

/** What the production build is made from: when any of it is newer than the build, it is made again. */
const BUILD_INPUTS = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package-lock.json"];

function newestChange(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

const buildId = ".next/BUILD_ID";
if (!existsSync(buildId) || Math.max(...BUILD_INPUTS.map(newestChange)) > statSync(buildId).mtimeMs) {
  console.log("Compilation de la console (next build)…");
  execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" });
}

const { startMailCatcher, smtpPortFromEnv } = await import("./mail-catcher");
const { DEFAULT_MAILBOX } = await import("@/lib/dev/outboxes");
const { provisionHostingAccount } = await import("@/lib/server/hosting-account/provision-hosting-account");
const { db } = await import("@/lib/db");

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
// The demo's SMS go to the outbox file (production's default is the operator's HTTP gateway).
process.env.SMS_TRANSPORT ||= "file";

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

// The console's own server, as `npm start` runs it: the journal and the throttle see real addresses.
const next = spawn(process.execPath, ["scripts/server.mjs"], {
  stdio: "inherit",
  env: { ...process.env, PORT: String(PORT), NODE_ENV: "production" },
});
const stop = () => next.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
next.on("exit", (code) => process.exit(code ?? 0));
