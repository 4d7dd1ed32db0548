// `npm run bench:load [-- --sqlite | --postgres] [--seconds 20]`: the built console (`npm start`,
// run `npx next build` first) under concurrent clients from a second process on loopback, on SQLite
// then PostgreSQL (the throwaway server of scripts/postgres.mjs). Runs on each: 20 clients loading
// console pages back to back (the server's capacity) and 20 users who pause about a second between
// two pages (`--think` ms); the same users on the sign-in page without a session (no database: what
// any page costs at least on this machine); 20 clients signing in; the paused users while 5 clients
// sign in. Prints throughput and p50/p95/p99 of each.
import { execFile, execFileSync, spawn } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { startMailCatcher } from "../scripts/mail-catcher";
import { startNextInstance } from "../scripts/next-instance";
import { postgresUrl, startPostgres } from "../scripts/postgres.mjs";
import { usage } from "../scripts/usage.mjs";

const run = promisify(execFile);
usage(`
npm run bench:load [-- --sqlite | --postgres] [--seconds 20] [--think 1000]
La console compilée sous des clients simultanés : débit et p50/p95/p99 de chaque scénario.
`);
const { values } = parseArgs({
  options: {
    sqlite: { type: "boolean" },
    postgres: { type: "boolean" },
    seconds: { type: "string", default: "20" },
    think: { type: "string", default: "1000" },
  },
});
const seconds = Number(values.seconds);
const think = Number(values.think);
const databases = values.sqlite ? ["sqlite"] : values.postgres ? ["postgresql"] : ["sqlite", "postgresql"];
const PORT = 3200;
const CLIENTS = 20;
const dir = ".data/bench-load";

if (!existsSync(".next/BUILD_ID")) {
  console.error("Construisez d'abord la console : npx next build");
  process.exit(1);
}
rmSync(dir, { recursive: true, force: true });
const catcher = await startMailCatcher({ port: 2828, mailbox: `${dir}/mailbox.jsonl` });

function envFor(database: string) {
  return {
    ...process.env,
    DATABASE_URL: database === "sqlite" ? `file:./${dir}/console.db` : postgresUrl("console_bench"),
    SMTP_URL: "smtp://127.0.0.1:2828",
    MAILBOX: `${dir}/mailbox.jsonl`,
    SMS_TRANSPORT: "file",
    SMS_OUTBOX: `${dir}/sms-outbox.jsonl`,
    NEXTAUTH_URL: `http://localhost:${PORT}`,
    NEXTAUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789",
    PROVISIONAL_KEY: "bench-only-provisional-key-0123456789abcdef",
  };
}

type Latencies = { pages: number[]; signIns: number[]; errors: number };
function runClients(account: unknown, pages: number, signIns: number, pause = 0, floor = false): Promise<Latencies> {
  const plan = JSON.stringify({ base: `http://127.0.0.1:${PORT}`, account, pages, signIns, seconds, think: pause, floor });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/load-client.ts", plan], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Latencies) : reject(new Error(`clients: ${code}`))));
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
function row(database: string, run: string, kind: string, samples: number[], errors: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  const cells = [
    database.padEnd(10),
    run.padEnd(24),
    kind.padEnd(9),
    String(sorted.length).padStart(7),
    (sorted.length / seconds).toFixed(1).padStart(8),
    ...[50, 95, 99].map((p) => percentile(sorted, p).toFixed(1).padStart(8)),
    String(errors).padStart(7),
  ];
  console.log(cells.join(" "));
  return percentile(sorted, 95);
}

console.log(
  `${CLIENTS} clients, ${seconds} s per run, pauses of ${think} ms ± 50 %, console on 127.0.0.1:${PORT} (npm start), clients in a second process`,
);
console.log(
  [
    "database".padEnd(10),
    "run".padEnd(24),
    "kind".padEnd(9),
    "requests".padStart(7),
    "per s".padStart(8),
    "p50 ms".padStart(8),
    "p95 ms".padStart(8),
    "p99 ms".padStart(8),
    "errors".padStart(7),
  ].join(" "),
);
for (const database of databases) {
  if (database === "postgresql") startPostgres();
  const env = envFor(database);
  execFileSync(process.execPath, ["scripts/db-migrate.mjs", "--fresh"], { env, stdio: "ignore" });
  // Not execFileSync: the mail catcher in this process must answer the provisioning's e-mail.
  const prepared = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/load-prepare.ts"], { env });
  const account = JSON.parse(prepared.stdout.trim().split("\n").at(-1)!);
  const server = await startNextInstance(PORT, env);
  try {
    const flat = await runClients(account, CLIENTS, 0);
    row(database, "pages, back to back", "page", flat.pages, flat.errors);
    const alone = await runClients(account, CLIENTS, 0, think);
    const pagesAlone = row(database, `pages, ${think} ms pauses`, "page", alone.pages, alone.errors);
    const floor = await runClients(account, CLIENTS, 0, think, true);
    row(database, "floor: sign-in page", "page", floor.pages, floor.errors);
    const signIns = await runClients(account, 0, CLIENTS);
    row(database, "sign-ins, back to back", "sign-in", signIns.signIns, signIns.errors);
    const mixed = await runClients(account, CLIENTS, 5, think);
    const pagesMixed = row(database, "pauses + 5 sign-ins", "page", mixed.pages, mixed.errors);
    row(database, "pauses + 5 sign-ins", "sign-in", mixed.signIns, 0);
    console.log(`${database}: page p95 while 5 clients sign in / without = ${(pagesMixed / pagesAlone).toFixed(2)}×`);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
}
catcher.close();
