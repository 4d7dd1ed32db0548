// `npm run bench:imports [-- --sqlite | --postgres]`: a lycée's national exports imported by the
// console's own functions, on a fresh database of each kind — SIECLE's 3,000 pupils and 5,998
// responsables with STSWEB's 200 teachers (report, then import), then next year's files (300
// arrivals, ~300 departures, the rest moved up a class). Prints each step's time; the issue aims at
// under 5 s for the first import of the lot.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { postgresUrl, startPostgres } from "../scripts/postgres.mjs";
import { usage } from "../scripts/usage.mjs";

usage(`
npm run bench:imports [-- --sqlite | --postgres]
Import SIECLE (3 000 élèves, 5 998 responsables) et STSWEB (200 professeurs), puis l'année suivante ; temps de chaque étape.
`);
const { values } = parseArgs({ options: { sqlite: { type: "boolean" }, postgres: { type: "boolean" }, worker: { type: "boolean" } } });

if (!values.worker) {
  const databases = values.sqlite ? ["sqlite"] : values.postgres ? ["postgresql"] : ["sqlite", "postgresql"];
  for (const database of databases) {
    let url = "file:./.data/bench-imports/console.db";
    if (database === "postgresql") {
      startPostgres();
      url = postgresUrl("console_bench");
    } else rmSync(".data/bench-imports", { recursive: true, force: true });
    execFileSync(process.execPath, ["scripts/db-migrate.mjs", "--fresh"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
    console.log(`— ${database}`);
    // One process a database: the console's client is chosen once, from DATABASE_URL.
    execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/imports.ts", "--worker"], {
      env: { ...process.env, DATABASE_URL: url, PROVISIONAL_KEY: process.env.PROVISIONAL_KEY || "bench-only-provisional-key" },
      stdio: "inherit",
    });
  }
  process.exit(0);
}

const { db } = await import("@/lib/db");
const { schoolYearAt } = await import("@/lib/school-calendar");
const { applySiecleImport, previewSiecleImport } = await import("@/lib/server/siecle/siecle-import");
const { applyStsImport, previewStsImport } = await import("@/lib/server/siecle/sts-import");
const { sieclePupilsXml, siecleResponsablesXml, stsXml, UAI } = await import("../tests/support/siecle");

const account = await db.hostingAccount.create({
  data: {
    product: "PRONOTE_CAMPUS",
    establishment: "Lycée du banc d'essai",
    rne: UAI,
    hostingNumber: "100000000001",
    invoiceNumberHash: "-",
    consolePasswordHash: "-",
    responsibleName: "Bench",
    responsibleEmail: "bench@ecole.test",
    responsibleMobile: "0600000000",
    plannings: { create: { name: "planning01", position: 1, port: 21201, netLicence: true } },
  },
  include: { plannings: true },
});
const ctx = { accountId: account.id, actor: "bench", ip: "127.0.0.1" };
const planningId = account.plannings[0].id;
const year = schoolYearAt(new Date());

async function timed<T>(label: string, work: () => Promise<T>) {
  const start = performance.now();
  const result = await work();
  console.log(`  ${label}: ${((performance.now() - start) / 1000).toFixed(2)} s`);
  return result;
}

const siecle = (y: number, from: number, grade: number) => ({
  planningId,
  uai: UAI,
  pupils: { name: "ElevesSansAdresses.xml", bytes: sieclePupilsXml(3000, { year: y, from, grade }) },
  responsables: { name: "ResponsablesAvecAdresses.xml", bytes: siecleResponsablesXml(3000, { year: y, from }) },
  confirmOtherYear: true,
});
const sts = (y: number, from: number) => ({
  planningId,
  uai: UAI,
  file: { name: `sts_emp_${UAI}_${y}.xml`, bytes: stsXml(200, { year: y, from }) },
  confirmOtherYear: true,
});

const total = performance.now();
await timed("SIECLE, report (3,000 pupils, 5,998 responsables)", () => previewSiecleImport(ctx, siecle(year, 0, 0)));
const first = await timed("SIECLE, import", () => applySiecleImport(ctx, siecle(year, 0, 0)));
await timed("STSWEB, report (200 teachers)", () => previewStsImport(ctx, sts(year, 0)));
await timed("STSWEB, import", () => applyStsImport(ctx, sts(year, 0)));
console.log(
  `  first import of the lot (reports included): ${((performance.now() - total) / 1000).toFixed(2)} s — ${first.arrivals} people + 200 teachers`,
);
const next = await timed("next year's SIECLE files, import", () => applySiecleImport(ctx, siecle(year + 1, 300, 1)));
console.log(`    ${next.arrivals} arrivals, ${next.departures} departures, ${next.changes} changes`);
await timed("next year's STSWEB file, import", () => applyStsImport(ctx, sts(year + 1, 20)));
await db.$disconnect();
