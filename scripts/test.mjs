#!/usr/bin/env node
// The README's test command: type check, unit and integration tests (vitest, real SQLite file),
// production build, then the e2e walk of the guide in Chromium (Playwright). Installs Debian's
// chromium first when it is missing, and ends with one "N passed, N failed" line for all suites.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

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
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const bin = (name) => `node_modules/.bin/${name}`;
const steps = [];
steps.push(["typecheck", run(bin("tsc"), ["--noEmit"])]);
steps.push([
  "vitest",
  run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/vitest.json`]),
]);
const built = run(bin("next"), ["build"]);
steps.push(["next build", built]);
if (built) {
  const file = `${reports}/playwright.json`;
  steps.push([
    "playwright",
    run(bin("playwright"), ["test", "--reporter=list,json"], {
      PLAYWRIGHT_JSON_OUTPUT_FILE: file,
      PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    }),
  ]);
}

const vitest = readJson(`${reports}/vitest.json`);
const playwright = readJson(`${reports}/playwright.json`);
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0);
const failed =
  (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0) + (playwright?.stats?.flaky ?? 0);
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
  return (text ?? "").replace(/\u001b\[[0-9;]*m/g, "").split("\n").find((line) => line.trim()) ?? "";
}

console.log("");
for (const failure of [...vitestFailures(vitest), ...playwrightFailures(playwright)]) console.log(`FAILED ${failure}`);
for (const [name, ok] of steps) console.log(`${ok ? "ok    " : "FAILED"} ${name}`);
console.log(`${passed} passed, ${failed + (failed === 0 ? broken.length : 0)} failed`);
process.exit(broken.length ? 1 : 0);
