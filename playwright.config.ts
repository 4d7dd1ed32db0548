import { defineConfig } from "@playwright/test";
import { E2E_DIR, E2E_ENV, E2E_PORT } from "./e2e/env";

export default defineConfig({
  testDir: "e2e",
  // The walk of the guide is one story, Fiche after Fiche; its steps run in order. The other files
  // measure times and bursts, one at a time. Beside them, the Fiches one by one ("fiches"), each on
  // an account of its own, run side by side: scripts/test.mjs gives them two workers.
  fullyParallel: false,
  workers: 1,
  projects: [
    { name: "guide", testIgnore: /09-fiches/ },
    { name: "fiches", testMatch: /09-fiches/, fullyParallel: true },
  ],
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "node --conditions=react-server --import tsx scripts/e2e-server.ts",
    url: `http://localhost:${E2E_PORT}/connexion`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: { ...E2E_ENV, E2E_DIR },
    stdout: "ignore",
    stderr: "pipe",
  },
});
