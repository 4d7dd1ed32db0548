// bench:operator — /operateur's accounts list at 10 and at 10,000 accounts (issue 29's aim: the page
// at most 150 KB of HTML, and within 1.5× the time of the list of 10): the home, a search by name, a
// filter by product and the last page, each loaded 30 times from the built console, on SQLite.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { parseArgs, promisify } from "node:util";
import { startNextInstance } from "../scripts/next-instance";
import { usage } from "../scripts/usage.mjs";

const run = promisify(execFile);
usage(`
npm run bench:operator [-- --accounts 10000]   (après npx next build)
La liste des comptes de /operateur à 10 puis à N comptes (10 000) : octets de HTML, médiane et p95 du
temps de la page d'accueil, d'une recherche, d'un filtre par produit et de la dernière page.
`);
const { values } = parseArgs({ options: { accounts: { type: "string", default: "10000" } } });
const ACCOUNTS = Number(values.accounts);
const PORT = 3230;
const ROUNDS = 30;
const dir = ".data/bench-operator";

if (!existsSync(".next/BUILD_ID")) {
  console.error("Construisez d'abord la console : npx next build");
  process.exit(1);
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: `file:./${dir}/console.db`,
  SMTP_URL: "smtp://127.0.0.1:2940",
  MAILBOX: `${dir}/mailbox.jsonl`,
  SMS_TRANSPORT: "file",
  SMS_OUTBOX: `${dir}/sms-outbox.jsonl`,
  NEXTAUTH_URL: `http://localhost:${PORT}`,
  NEXTAUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789",
  PROVISIONAL_KEY: "bench-only-provisional-key-0123456789abcdef",
};

async function step(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/operator-steps.ts", ...args], {
    env,
    maxBuffer: 1 << 24,
  });
  return JSON.parse(stdout.trim().split("\n").pop()!);
}

const PAGES = {
  "accueil (page 1)": "/operateur",
  "recherche « zola »": "/operateur?recherche=zola",
  "filtre HYPERPLANNING": "/operateur?produit=HYPERPLANNING",
  "dernière page": "/operateur?page=100000",
};

const quantile = (samples: number[], q: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(q * samples.length))];

async function measure(cookie: string) {
  const rows: Record<string, { bytes: number; median: number; p95: number }> = {};
  for (const [label, path] of Object.entries(PAGES)) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < ROUNDS + 3; i++) {
      const started = performance.now();
      const answer = await fetch(`http://127.0.0.1:${PORT}${path}`, { headers: { cookie }, redirect: "manual" });
      const body = await answer.arrayBuffer();
      if (answer.status !== 200) throw new Error(`${path} : ${answer.status}`);
      // The first three warm the instance's caches up.
      if (i >= 3) times.push(performance.now() - started);
      bytes = body.byteLength;
    }
    rows[label] = { bytes, median: quantile(times, 0.5), p95: quantile(times, 0.95) };
  }
  return rows;
}

await run(process.execPath, ["scripts/db-migrate.mjs"], { env });
await step("accounts", "10");
const { token } = (await step("operator")) as { token: string };
const cookie = `operateur-session=${token}`;
const instance = await startNextInstance(PORT, env);
try {
  const small = await measure(cookie);
  const seeded = performance.now();
  const { accounts } = await step("accounts", String(ACCOUNTS));
  console.log(`${accounts} comptes écrits en ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
  const large = await measure(cookie);
  console.log(
    `\n| page | HTML à 10 | HTML à ${ACCOUNTS} | médiane à 10 | médiane à ${ACCOUNTS} | p95 à 10 | p95 à ${ACCOUNTS} | rapport des médianes |`,
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const label of Object.keys(PAGES)) {
    const a = small[label];
    const b = large[label];
    console.log(
      `| ${label} | ${(a.bytes / 1024).toFixed(1)} Ko | ${(b.bytes / 1024).toFixed(1)} Ko | ${a.median.toFixed(1)} ms | ${b.median.toFixed(1)} ms | ${a.p95.toFixed(1)} ms | ${b.p95.toFixed(1)} ms | ×${(b.median / a.median).toFixed(2)} |`,
    );
  }
} finally {
  instance.kill("SIGTERM");
}
