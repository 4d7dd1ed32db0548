import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, type Page } from "@playwright/test";
import { E2E_ENV, E2E_PORT } from "./env";
import type { SeedStage, SeededAccount } from "./seed-stages";

/**
 * An account of its own at `stage` (e2e/seed-stages.ts), made by the console's domain functions;
 * `open`: its first planning in service with a base, its Espaces published (stage "espaces" at least).
 */
export async function seedAccount(stage: SeedStage, options: { open?: boolean } = {}): Promise<SeededAccount> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "e2e/seed-account.ts", stage, ...(options.open ? ["--open"] : [])],
    { env: { ...process.env, ...E2E_ENV, NODE_ENV: "development" }, encoding: "utf8" },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as SeededAccount;
}

/**
 * The hosting responsible signed in without walking Fiche 2's screens: the browser holds the
 * certificate cookie, then posts the credentials to next-auth's endpoint as the sign-in form does.
 */
export async function signInThroughApi(page: Page, account: SeededAccount, origin = `http://localhost:${E2E_PORT}`) {
  await page
    .context()
    .addCookies([{ name: account.certificate.name, value: account.certificate.token, url: origin, httpOnly: true, sameSite: "Strict" }]);
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const answer = await page.request.post("/api/auth/callback/hosting", {
    form: { csrfToken, hostingNumber: account.hostingNumber, password: account.password, json: "true" },
    maxRedirects: 0,
  });
  expect(answer.status(), await answer.text()).toBeLessThan(400);
  expect((await page.context().cookies(origin)).some((c) => c.name.includes("next-auth.session-token"))).toBe(true);
}
