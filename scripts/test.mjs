#!/usr/bin/env node
// The README's test command: format and lint check (Biome), type check, production build, then on SQLite and again on PostgreSQL
// the unit and integration tests (vitest, real database) and the e2e walk of the guide in Chromium
// (Playwright). Installs Debian's chromium, postgresql, slapd, the CAS server and the SAML IdP first
// when missing (scripts/postgres.mjs, slapd.mjs, cas-server.mjs and saml-idp.mjs run throwaway servers), and ends with one "N passed, N failed" line for all suites.
// `--sqlite` skips the PostgreSQL pass.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { postgresUrl, startPostgres, stopPostgres } from "./postgres.mjs";
import { startSlapd, stopSlapd } from "./slapd.mjs";
import { startCasServer, stopCasServer } from "./cas-server.mjs";
import { startSamlIdp, stopSamlIdp } from "./saml-idp.mjs";
import { usage } from "./usage.mjs";

usage(`
npm test                 Biome, types, build, vitest et Playwright sur SQLite puis PostgreSQL
npm test -- --sqlite     sans le passage PostgreSQL
`);

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const reports = ".data/reports";

function run(command, args, env = {}) {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

function ensureChromium() {
  if (existsSync(chromium)) return;
  if (process.getuid?.() !== 0) {
    console.error(`Chromium est introuvable (${chromium}) : installez-le avec « sudo apt-get install chromium ».`);
    process.exit(1);
  }
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  if (!run("apt-get", ["update", "-qq"], env) || !run("apt-get", ["install", "-y", "-qq", "chromium"], env)) {
    console.error("L'installation de chromium a échoué.");
    process.exit(1);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

ensureChromium();
// The school's directory the LDAP tests sign in through (Debian's slapd, installed when missing).
console.log("\n$ node scripts/slapd.mjs start");
await startSlapd();
// The CAS server the CAS and ENT tests sign in through (Debian's django-cas-server, installed when missing).
console.log("$ node scripts/cas-server.mjs start");
await startCasServer();
// The SAML identity provider the SAML tests sign in through (Debian's simplesamlphp and php-cli).
console.log("$ node scripts/saml-idp.mjs start");
await startSamlIdp();
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const bin = (name) => `node_modules/.bin/${name}`;
const steps = [];
const vitestReports = [];
const playwrightReports = [];

function suites(database, env) {
  const vitestFile = `${reports}/vitest-${database}.json`;
  vitestReports.push([database, vitestFile]);
  steps.push([
    `vitest (${database})`,
    run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestFile}`], env),
  ]);
  if (!built) return;
  // The guide's story and the timed files one at a time; the Fiches one by one, two at a time.
  for (const [project, workers] of [
    ["guide", "1"],
    ["fiches", "2"],
  ]) {
    const playwrightFile = `${reports}/playwright-${database}-${project}.json`;
    playwrightReports.push([`${database}, ${project}`, playwrightFile]);
    steps.push([
      `playwright ${project} (${database})`,
      run(bin("playwright"), ["test", `--project=${project}`, `--workers=${workers}`, "--reporter=list,json"], {
        ...env,
        PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightFile,
        PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightFile,
      }),
    ]);
  }
}

// The formatter and the linter first: their errors are the cheapest to see and to fix.
steps.push(["biome (format + lint)", run(bin("biome"), ["ci", "--colors=off", "."])]);
steps.push(["typecheck", run(bin("tsc"), ["--noEmit"])]);
const built = run(bin("next"), ["build"]);
steps.push(["next build", built]);
suites("sqlite", {});
if (!process.argv.includes("--sqlite")) {
  let started = false;
  try {
    console.log("\n$ node scripts/postgres.mjs start");
    startPostgres();
    started = true;
  } catch (error) {
    console.error(error.message);
  }
  steps.push(["postgresql", started]);
  if (started) {
    suites("postgresql", {
      TEST_DATABASE_URL: postgresUrl("console_test"),
      E2E_DATABASE_URL: postgresUrl("console_e2e"),
    });
    stopPostgres();
  }
}

stopSlapd();
stopCasServer();
stopSamlIdp();

const vitest = vitestReports.map(([database, file]) => [database, readJson(file)]);
const playwright = playwrightReports.map(([database, file]) => [database, readJson(file)]);
const sum = (values) => values.reduce((total, value) => total + (value ?? 0), 0);
const passed = sum(vitest.map(([, r]) => r?.numPassedTests)) + sum(playwright.map(([, r]) => r?.stats?.expected));
const failed =
  sum(vitest.map(([, r]) => r?.numFailedTests)) + sum(playwright.map(([, r]) => (r?.stats?.unexpected ?? 0) + (r?.stats?.flaky ?? 0)));
const broken = steps.filter(([, ok]) => !ok).map(([name]) => name);

// The failures' names are repeated last, where a CI log's tail shows them.
function vitestFailures(report) {
  return (report?.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((test) => test.status === "failed")
      .map((test) => `${file.name.replace(`${process.cwd()}/`, "")} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`),
  );
}

function playwrightFailures(report) {
  const failures = [];
  const walk = (suite, file) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === "expected" || test.status === "skipped") continue;
        const error = test.results?.find((result) => result.error)?.error?.message;
        failures.push(`${file} › ${spec.title} (${test.status}): ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, file);
  };
  for (const suite of report?.suites ?? []) walk(suite, suite.file ?? suite.title);
  return failures;
}

function firstLine(text) {
  // eslint-disable-next-line no-control-regex
  return (
    (text ?? "")
      .replace(/\u001b\[[0-9;]*m/g, "")
      .split("\n")
      .find((line) => line.trim()) ?? ""
  );
}

console.log("");
const failures = [
  ...vitest.flatMap(([database, r]) => vitestFailures(r).map((failure) => `(${database}) ${failure}`)),
  ...playwright.flatMap(([database, r]) => playwrightFailures(r).map((failure) => `(${database}) ${failure}`)),
];
for (const failure of failures) console.log(`FAILED ${failure}`);
for (const [name, ok] of steps) console.log(`${ok ? "ok    " : "FAILED"} ${name}`);
console.log(`${passed} passed, ${failed + (failed === 0 ? broken.length : 0)} failed`);
process.exit(broken.length ? 1 : 0);
