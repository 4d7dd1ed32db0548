import { execFile, execFileSync, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { expect, type Page, test } from "@playwright/test";
import { formatYearlyMoment } from "../lib/school-calendar";
import { startNextInstance } from "../scripts/next-instance";
import { E2E_ENV } from "./env";
import { signInThroughApi } from "./seed";
import type { SeededAccount } from "./seed-stages";

// Seed 004 "Chaque année", walked in Chromium on the built console: early July the base is archived,
// at the end of August the new version and a new empty base come by themselves, then the school
// recovers last year's data and writes to those who have not activated their account yet. A built
// console refuses the test clock (lib/clock.ts), so the year's two dates are moved as a provider
// would move them (YEAR_ARCHIVE_AT, YEAR_CHANGE_AT) to the minute just past, and the instance started
// again — its job engine does the rest, as it would on 1 July and 25 August.
const PORT = 3103;
const ORIGIN = `http://localhost:${PORT}`;
const postgres = /^postgres(ql)?:\/\//.test(E2E_ENV.DATABASE_URL);

function yearDatabase(): string {
  if (!postgres) return "file:./.data/e2e/annee.db";
  const url = new URL(E2E_ENV.DATABASE_URL);
  url.pathname = `${url.pathname}_annee`;
  return url.toString();
}

/** The next minute of the wall clock, once it has come: a moment after everything made before it. */
async function nextMinute(): Promise<Date> {
  const minute = new Date(Math.ceil((Date.now() + 1000) / 60_000) * 60_000);
  await new Promise((resolve) => setTimeout(resolve, minute.getTime() - Date.now() + 200));
  return minute;
}

const tomorrow = () => new Date(Date.now() + 86_400_000);
const env = (archive: Date, change: Date) => ({
  ...process.env,
  ...E2E_ENV,
  DATABASE_URL: yearDatabase(),
  NEXTAUTH_URL: ORIGIN,
  YEAR_ARCHIVE_AT: formatYearlyMoment(archive),
  YEAR_CHANGE_AT: formatYearlyMoment(change),
});

let instance: ChildProcess | undefined;
async function restart(settings: NodeJS.ProcessEnv) {
  if (instance) {
    instance.kill("SIGTERM");
    await new Promise((resolve) => instance!.once("exit", resolve));
  }
  instance = await startNextInstance(PORT, settings);
}

test.afterAll(() => {
  instance?.kill("SIGTERM");
});

test.use({ baseURL: ORIGIN });

/** Reloads `path` until `check` passes: the job engine works beside the page. */
async function reloadUntil(page: Page, path: string, check: () => Promise<void>) {
  for (let i = 0; ; i++) {
    await page.goto(path);
    try {
      await check();
      return;
    } catch (error) {
      if (i === 30) throw error;
      await page.waitForTimeout(1000);
    }
  }
}

test("une année : l'archive de juillet, la nouvelle base d'août, la récupération des données, les courriers aux non activés", async ({
  page,
}) => {
  test.setTimeout(300_000);
  // June: the school's account, its 30 pupils and its base of the year under way.
  const june = env(tomorrow(), new Date(Date.now() + 2 * 86_400_000));
  execFileSync(process.execPath, ["scripts/db-migrate.mjs", "--fresh"], { env: june, stdio: "ignore" });
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "e2e/seed-account.ts", "pupils", "--open"],
    { env: { ...june, NODE_ENV: "development" }, encoding: "utf8" },
  );
  const account = JSON.parse(stdout.trim().split("\n").at(-1)!) as SeededAccount;

  // 1 July: the archive.
  const july = await nextMinute();
  await restart(env(july, tomorrow()));
  await signInThroughApi(page, account, ORIGIN);
  const archives = page.getByRole("table", { name: /Archives des bases de ce planning/ });
  await reloadUntil(page, "/plannings", () => expect(archives.getByRole("row")).toHaveCount(2, { timeout: 1000 }));
  const lastYear = /\d{4}-\d{4}/.exec(await archives.getByRole("row").nth(1).innerText())?.[0] ?? "";
  expect(lastYear).toMatch(/^\d{4}-\d{4}$/);
  await expect(page.getByRole("link", { name: `Télécharger l'archive ${lastYear}` })).toBeVisible();
  const yearly = page.getByRole("complementary", { name: /Chaque année/ });
  await expect(yearly.getByText(`Fait : Archive de la base ${lastYear}`)).toBeVisible();
  await expect(yearly.getByText(/À faire : Passage à la version/)).toBeVisible();

  // 25 August: the new version and a new empty base, by themselves.
  const august = await nextMinute();
  await restart(env(july, august));
  const next = Number(lastYear.slice(0, 4)) + 1;
  await reloadUntil(page, "/plannings", () => expect(page.getByText(`Base en cours : Base ${next}`)).toBeVisible({ timeout: 1000 }));
  await expect(yearly.getByText(`Fait : Passage à la version ${next}`)).toBeVisible();
  await expect(yearly.getByText(`Fait : Nouvelle base ${next}-${next + 1} en service`)).toBeVisible();

  // "Récupérer les données d'une base" — the archive of last year, every item ticked.
  await page.getByRole("button", { name: "Récupérer les données de l'an passé" }).click();
  const dialog = page.getByRole("dialog", { name: "Récupérer les données de l'an passé" });
  await expect(dialog.getByLabel("Archive de l'an passé")).toHaveValue(/.+/);
  for (const item of ["Identifiants et mots de passe", "E-mails", "Autorisations", "Lettres, SMS, e-mails types"]) {
    await expect(dialog.getByRole("checkbox", { name: item, exact: true })).toBeChecked();
  }
  await dialog.getByRole("button", { name: "Récupérer" }).click();
  const report = page.getByRole("region", { name: "Compte rendu de la récupération" });
  await expect(report.getByText("Identifiants et mots de passe : 30")).toBeVisible();
  await expect(report.getByText("Autorisations : 1")).toBeVisible();
  await page.reload();
  await expect(yearly.getByText("Fait : Données de l'an passé récupérées")).toBeVisible();

  // The second rentrée's letters: to those who have not activated their account, ticked by default.
  await page.goto("/communication?onglet=destinataires&population=ELEVES");
  await expect(page.getByRole("checkbox", { name: "Seulement ceux qui n'ont pas encore activé leur compte" })).toBeChecked();
  await expect(page.getByRole("button", { name: "Envoyer un courrier (30)" })).toBeVisible();
});
