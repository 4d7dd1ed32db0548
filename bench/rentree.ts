// `npm run bench:rentree [-- --sqlite | --postgres]` (after `npx next build`): the start of a school
// year at a lycée's size, on SQLite then PostgreSQL. Imports 3,000 pupils, 6,000 responsables and
// 300 staff; e-mails the staff their letter with the PDF (the console's job engine, SMTP catcher in
// another process), then the 6,000 responsables; downloads the pupils' letters as one PDF. For each
// step: time, rate, peak RSS (of the process doing the work), and the p95 of console pages that a
// few users load meanwhile, against the same pages with nothing else going on.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { parseArgs, promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { startNextInstance } from "../scripts/next-instance";
import { postgresUrl, startPostgres } from "../scripts/postgres.mjs";
import { usage } from "../scripts/usage.mjs";
import { startMailSink } from "./mail-sink";
import { loadPage, signIn, type BenchAccount } from "./console-session";

const run = promisify(execFile);
usage(`
npm run bench:rentree [-- --sqlite | --postgres]   (après npx next build)
La rentrée d'un lycée : imports, e-mails, PDF ; temps, débit, mémoire et p95 des pages pendant ce temps.
`);
const { values } = parseArgs({ options: { sqlite: { type: "boolean" }, postgres: { type: "boolean" } } });
const databases = values.sqlite ? ["sqlite"] : values.postgres ? ["postgresql"] : ["sqlite", "postgresql"];
const PORT = 3210;
const SMTP_PORT = 2929;
const BASE = `http://127.0.0.1:${PORT}`;
const dir = ".data/bench-rentree";
const COUNTS = { pupils: 3000, parents: 6000, staff: 300 };
const USERS = 4;
const PAGES = [
  "/communication?onglet=destinataires&population=ELEVES",
  "/controleur",
  "/plannings",
  "/compte",
  "/communication?onglet=destinataires&population=RESPONSABLES&page=40",
];

if (!existsSync(".next/BUILD_ID")) {
  console.error("Construisez d'abord la console : npx next build");
  process.exit(1);
}

function envFor(database: string) {
  return {
    ...process.env,
    DATABASE_URL: database === "sqlite" ? `file:./${dir}/console.db` : postgresUrl("console_rentree"),
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    MAILBOX: `${dir}/mailbox.jsonl`,
    SMS_TRANSPORT: "file",
    SMS_OUTBOX: `${dir}/sms-outbox.jsonl`,
    NEXTAUTH_URL: `http://localhost:${PORT}`,
    NEXTAUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789",
    PROVISIONAL_KEY: "bench-only-provisional-key-0123456789abcdef",
    NODE_ENV: "production" as const,
  };
}

/** Peak RSS of a process since the last call (the kernel's high-water mark, reset after reading). */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    // Not ours to reset: the figure is then the peak since the start.
  }
  return kb / 1024;
}

/** Users who load console pages, pausing 300 ms, until `until` resolves; their latencies. */
async function pagesDuring(cookies: string[], until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const latencies: number[] = [];
  await Promise.all(
    cookies.map(async (cookie, c) => {
      for (let i = c; !done; i++) {
        const started = performance.now();
        await loadPage(BASE, cookie, PAGES[i % PAGES.length]);
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 300));
      }
    }),
  );
  await until;
  return latencies;
}

const p95 = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? NaN;
};

type BatchRow = { status: string; sent: number; failed: number; startedAt: Date | null; finishedAt: Date | null; total: number };
function batchReader(database: string, env: NodeJS.ProcessEnv) {
  if (database === "sqlite") {
    const file = new Database(env.DATABASE_URL!.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
    const statement = file.prepare('SELECT status, sent, failed, startedAt, finishedAt, total FROM "LetterBatch" WHERE id = ?');
    return {
      read: async (id: string) => {
        const row = statement.get(id) as Record<string, unknown>;
        const date = (v: unknown) => (v === null ? null : new Date(typeof v === "number" ? v : String(v)));
        return { ...(row as unknown as BatchRow), startedAt: date(row.startedAt), finishedAt: date(row.finishedAt) };
      },
      close: async () => file.close(),
    };
  }
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  const connected = client.connect();
  return {
    read: async (id: string) => {
      await connected;
      return (await client.query('SELECT status, sent, failed, "startedAt", "finishedAt", total FROM "LetterBatch" WHERE id = $1', [id]))
        .rows[0] as BatchRow;
    },
    close: () => client.end(),
  };
}

function line(
  database: string,
  step: string,
  count: number,
  ms: number,
  unit: string,
  rss: number,
  pagesP95: number | null,
  baseline: number,
) {
  console.log(
    [
      database.padEnd(10),
      step.padEnd(30),
      String(count).padStart(6),
      `${(ms / 1000).toFixed(2)} s`.padStart(9),
      `${((count * 1000) / ms).toFixed(0)} ${unit}/s`.padStart(16),
      `${rss.toFixed(0)} Mo`.padStart(8),
      pagesP95 === null ? "" : `${pagesP95.toFixed(0)} ms (${(pagesP95 / baseline).toFixed(2)}×)`.padStart(18),
    ].join(" "),
  );
}

console.log(
  `Rentrée : ${COUNTS.pupils} élèves, ${COUNTS.parents} responsables, ${COUNTS.staff} personnels ; ${USERS} utilisateurs chargent des pages pendant chaque étape`,
);
console.log(
  [
    "base".padEnd(10),
    "étape".padEnd(30),
    "nombre".padStart(6),
    "durée".padStart(9),
    "débit".padStart(16),
    "RSS max".padStart(8),
    "p95 des pages".padStart(18),
  ].join(" "),
);
for (const database of databases) {
  rmSync(dir, { recursive: true, force: true });
  if (database === "postgresql") startPostgres();
  const env = envFor(database);
  await run(process.execPath, ["scripts/db-migrate.mjs", "--fresh"], { env });
  const catcher = await startMailSink(env);
  const step = (...args: string[]) =>
    run(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/rentree-steps.ts", ...args], {
      env,
      maxBuffer: 1 << 24,
    }).then((r) => JSON.parse(r.stdout.trim().split("\n").at(-1)!));
  const prepared = (await step("prepare", String(COUNTS.pupils), String(COUNTS.parents), String(COUNTS.staff))) as {
    accountId: string;
    account: BenchAccount;
    empty: BenchAccount;
    imports: { population: string; count: number; ms: number }[];
    peakRssMb: number;
  };
  const server = await startNextInstance(PORT, env);
  const reader = batchReader(database, env);
  try {
    const cookies = await Promise.all(Array.from({ length: USERS }, () => signIn(BASE, prepared.account)));
    for (const path of PAGES) await loadPage(BASE, cookies[0], path);
    // The pupils' list of the school against the same page of an account without pupils.
    const emptyCookie = await signIn(BASE, prepared.empty);
    for (const [label, cookie] of [
      ["sans élève", emptyCookie],
      [`${COUNTS.pupils} élèves`, cookies[0]],
    ] as const) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 25; i++) {
        const started = performance.now();
        bytes = await loadPage(BASE, cookie, PAGES[0]);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      console.log(
        `${database.padEnd(10)} liste des élèves, ${label} : médiane ${times[12].toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} Ko de HTML`,
      );
    }
    const idle = p95(await pagesDuring(cookies, new Promise((resolve) => setTimeout(resolve, 8000))));
    line(database, "pages seules (référence)", 0, 8000, "page", peakRssMb(server.pid!), idle, idle);
    for (const i of prepared.imports)
      line(database, `import ${i.population.toLowerCase()}`, i.count, i.ms, "ligne", prepared.peakRssMb, null, idle);

    for (const [population, label] of [
      ["PERSONNELS", "e-mails personnels (PDF joint)"],
      ["RESPONSABLES", "e-mails responsables (PDF joint)"],
    ] as const) {
      peakRssMb(server.pid!);
      const { batchId } = (await step("batch", prepared.accountId, population, "EMAIL")) as { batchId: string };
      const finished = (async () => {
        for (;;) {
          const row = await reader.read(batchId);
          if (row.status === "DONE") return row;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const latencies = await pagesDuring(cookies, finished);
      const row = await finished;
      const ms = new Date(row.finishedAt!).getTime() - new Date(row.startedAt!).getTime();
      line(database, label, row.sent, ms, "e-mail", peakRssMb(server.pid!), p95(latencies), idle);
      if (row.failed) console.log(`  ${row.failed} en échec`);
    }

    peakRssMb(server.pid!);
    const { batchId } = (await step("batch", prepared.accountId, "ELEVES", "PDF")) as { batchId: string };
    const started = performance.now();
    const download = fetch(`${BASE}/api/courriers/${batchId}`, { headers: { cookie: cookies[0] } }).then((r) => r.arrayBuffer());
    const latencies = await pagesDuring(cookies.slice(1), download);
    const bytes = (await download).byteLength;
    line(
      database,
      `PDF des élèves (${(bytes / 1e6).toFixed(1)} Mo)`,
      COUNTS.pupils,
      performance.now() - started,
      "courrier",
      peakRssMb(server.pid!),
      p95(latencies),
      idle,
    );
  } finally {
    await reader.close();
    server.kill("SIGTERM");
    catcher.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
}
