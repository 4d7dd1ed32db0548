// `npm run bench:year [-- --accounts N]` (after `npx next build`): seed 004's year for a provider's
// schools, on PostgreSQL with two instances of the built console. N hosting accounts (1,000) with a
// base each; the July archive, then the end-of-August change, each done for all by the console's own
// job engine — the yearly dates set (YEAR_ARCHIVE_AT, YEAR_CHANGE_AT) to a minute just past, as a
// provider would, no test clock. In each step one instance is killed (SIGKILL) half-way and started
// again; then every account is checked: done once, none missed. Prints accounts per minute, the p95
// of a 1,001st school's console pages during the step against at rest, and the instances' peak RSS.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { parseArgs, promisify } from "node:util";
import pg from "pg";
import { formatYearlyMoment } from "../lib/school-calendar";
import { startNextInstance } from "../scripts/next-instance";
import { postgresUrl, startPostgres } from "../scripts/postgres.mjs";
import { usage } from "../scripts/usage.mjs";
import { startMailSink } from "./mail-sink";
import { loadPage, signIn, type BenchAccount } from "./console-session";

const run = promisify(execFile);
usage(`
npm run bench:year [-- --accounts N]   (après npx next build)
L'année d'un hébergeur : archive de juillet et changement d'août pour N comptes (1 000), deux instances,
l'une tuée à mi-parcours ; comptes par minute, p95 des pages pendant ce temps, mémoire.
`);
const { values } = parseArgs({ options: { accounts: { type: "string", default: "1000" } } });
const ACCOUNTS = Number(values.accounts);
const PORTS = [3220, 3221];
const SMTP_PORT = 2939;
const dir = ".data/bench-year";
const PAGES = ["/plannings", "/compte", "/communication?onglet=destinataires&population=ELEVES", "/controleur"];

if (!existsSync(".next/BUILD_ID")) {
  console.error("Construisez d'abord la console : npx next build");
  process.exit(1);
}

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

function envWith(calendar: { archive: string; change: string }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: postgresUrl("console_year"),
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    MAILBOX: `${dir}/mailbox.jsonl`,
    SMS_TRANSPORT: "file",
    SMS_OUTBOX: `${dir}/sms-outbox.jsonl`,
    NEXTAUTH_URL: `http://localhost:${PORTS[0]}`,
    NEXTAUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789",
    PROVISIONAL_KEY: "bench-only-provisional-key-0123456789abcdef",
    YEAR_ARCHIVE_AT: calendar.archive,
    YEAR_CHANGE_AT: calendar.change,
    YEAR_NOTICE_DAYS: "0",
  };
}

async function step(env: NodeJS.ProcessEnv, ...args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/year-steps.ts", ...args], {
    env,
    maxBuffer: 1 << 26,
  });
  return JSON.parse(stdout.trim().split("\n").pop()!);
}

function peakRssMb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

const p95 = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? Number.NaN;
};

/** The observer loads pages from both instances, in turn, until `until` resolves. */
async function pagesDuring(cookie: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const latencies: number[] = [];
  for (let i = 0; !done; i++) {
    const started = performance.now();
    try {
      await loadPage(`http://127.0.0.1:${PORTS[1]}`, cookie, PAGES[i % PAGES.length]);
      latencies.push(performance.now() - started);
    } catch {
      // The page of an instance being restarted: not a latency.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await until;
  return latencies;
}

async function restPages(cookie: string, count: number) {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await loadPage(`http://127.0.0.1:${PORTS[1]}`, cookie, PAGES[i % PAGES.length]);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return latencies;
}

/** The bench's own reading of the database (a query, not a process: a process a poll took a core). */
const reader = new pg.Client({ connectionString: postgresUrl("console_year") });
async function countDone(step: string, year: number): Promise<number> {
  const { rows } = await reader.query(
    `SELECT count(*)::int AS n FROM "YearlyStep" s JOIN "HostingAccount" a ON a.id = s."accountId"
     WHERE s.step = $1 AND s.year = $2 AND a."responsibleEmail" LIKE 'annee-%'`,
    [step, year],
  );
  return rows[0].n as number;
}

/**
 * One yearly step for all accounts: both instances start (each sends the catch-up as it starts),
 * the first is killed once half the accounts are done and started again, until all are.
 */
async function yearlyStep(name: string, env: NodeJS.ProcessEnv, stepName: string, year: number, cookie: string) {
  const started = performance.now();
  const instances = await Promise.all(PORTS.map((port) => startNextInstance(port, env)));
  let killedAt = -1;
  const finished = (async () => {
    for (;;) {
      const done = await countDone(stepName, year);
      process.stderr.write(`\r${name} : ${done}/${ACCOUNTS}`);
      if (killedAt < 0 && done >= ACCOUNTS / 2) {
        killedAt = done;
        instances[0].kill("SIGKILL");
        await new Promise((resolve) => instances[0].once("exit", resolve));
        instances[0] = await startNextInstance(PORTS[0], env);
      }
      if (done >= ACCOUNTS) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
  const latencies = await pagesDuring(cookie, finished);
  const ms = performance.now() - started;
  const rss = instances.map((child) => peakRssMb(child.pid!));
  for (const child of instances) child.kill("SIGTERM");
  await Promise.all(
    instances.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)))),
  );
  return { name, ms, killedAt, latencies, rss };
}

startPostgres();
rmSync(dir, { recursive: true, force: true });
const past = minutesFromNow(-2);
const later = minutesFromNow(24 * 60);
// Before the archive: the school year under way is the one the accounts' bases are in.
const atRest = envWith({ archive: formatYearlyMoment(later), change: formatYearlyMoment(minutesFromNow(25 * 60)) });
await run(process.execPath, ["scripts/db-migrate.mjs", "--fresh"], { env: atRest });
mkdirSync(dir, { recursive: true });
const catcher = await startMailSink(atRest);
try {
  let started = performance.now();
  const prepared = (await step(atRest, "prepare", String(ACCOUNTS))) as { year: number; observer: BenchAccount };
  console.log(`${ACCOUNTS} comptes préparés en ${((performance.now() - started) / 1000).toFixed(1)} s (base ${prepared.year} chacun)`);

  await reader.connect();
  const rest = await Promise.all(PORTS.map((port) => startNextInstance(port, atRest)));
  const cookie = await signIn(`http://127.0.0.1:${PORTS[1]}`, prepared.observer);
  await restPages(cookie, 8); // warm
  const idle = p95(await restPages(cookie, 60));
  for (const child of rest) child.kill("SIGTERM");
  await Promise.all(rest.map((child) => new Promise((resolve) => child.once("exit", resolve))));

  const year = prepared.year + 1;
  const archive = await yearlyStep(
    "archive de juillet",
    envWith({ archive: formatYearlyMoment(past), change: formatYearlyMoment(later) }),
    "ARCHIVE",
    year,
    cookie,
  );
  // The change's moment just past, the archive's before it: school year `year` has begun.
  const change = await yearlyStep(
    "changement d'août",
    envWith({ archive: formatYearlyMoment(minutesFromNow(-3)), change: formatYearlyMoment(minutesFromNow(-1)) }),
    "CHANGE",
    year,
    cookie,
  );
  started = performance.now();
  const verified = (await step(atRest, "verify", String(year))) as { accounts: number; wrong: number; archiveLines: number };

  console.log(`\nbench:year — ${ACCOUNTS} comptes, PostgreSQL, deux instances (l'une tuée à mi-parcours puis relancée)`);
  console.log(`pages de la console au repos : p95 ${idle.toFixed(0)} ms`);
  for (const s of [archive, change]) {
    const perMinute = ACCOUNTS / (s.ms / 60_000);
    const during = p95(s.latencies);
    console.log(
      `${s.name.padEnd(20)} ${(s.ms / 1000).toFixed(1).padStart(6)} s  ${perMinute.toFixed(0).padStart(6)} comptes/min  ` +
        `tuée à ${s.killedAt}  pages p95 ${during.toFixed(0)} ms (×${(during / idle).toFixed(2)}, ${s.latencies.length} pages)  ` +
        `RSS max ${s.rss.map((mb) => mb.toFixed(0)).join(" / ")} Mo`,
    );
  }
  console.log(
    `vérification : ${verified.accounts} comptes, ${verified.wrong} en défaut (archive, base ${year}, étapes et ligne du journal une fois chacune), ` +
      `${verified.archiveLines} lignes d'archive`,
  );
  if (verified.wrong > 0 || verified.accounts !== ACCOUNTS) process.exitCode = 1;
} finally {
  catcher.kill("SIGTERM");
  await reader.end().catch(() => undefined);
}
