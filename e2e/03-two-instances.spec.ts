import { execFileSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { startNextInstance } from "../scripts/next-instance";
import { startRoundRobin, type RoundRobin } from "../scripts/round-robin";
import { E2E_ENV } from "./env";
import { finishSendingAccount, firstSignIn, provisionAccount as provisionOn, typeCredentials } from "./support";

// X3: a provider runs several `next start` behind a load balancer on one PostgreSQL. Two instances
// of the same build, each request to the next one in turn: nothing may depend on which answers.
const postgres = /^postgres(ql)?:\/\//.test(E2E_ENV.DATABASE_URL);
const BALANCER = 3099;
const INSTANCES = [3101, 3102];

test.skip(!postgres, "SQLite is one instance by design (X6): several instances share a PostgreSQL.");

/**
 * The pair's own database: on the e2e suite's, the suite's console would be a third instance, and
 * its job workers could take the batch this test means to interrupt.
 */
function pairDatabase(): string {
  if (!postgres) return E2E_ENV.DATABASE_URL;
  const url = new URL(E2E_ENV.DATABASE_URL);
  url.pathname = `${url.pathname}_paire`;
  return url.toString();
}
const PAIR = { DATABASE_URL: pairDatabase() };
const provisionAccount = (product: string) => provisionOn(product, [], PAIR);

let balancer: RoundRobin;
const children: ChildProcess[] = [];

test.beforeAll(async () => {
  // A provider's capped rate: the 1,500 e-mails below are still leaving when their instance dies.
  // The balancer is one trusted hop: the instances take the client address from what it forwards.
  const env = {
    ...process.env,
    ...E2E_ENV,
    ...PAIR,
    NEXTAUTH_URL: `http://localhost:${BALANCER}`,
    SMTP_RATE_PER_SECOND: "100",
    TRUSTED_PROXY_HOPS: "1",
  };
  execFileSync(process.execPath, ["scripts/db-migrate.mjs", "--fresh"], { env, stdio: "ignore" });
  // Both are started before any failure is told, so that afterAll stops the one that did start.
  const started = await Promise.allSettled(INSTANCES.map((port) => startNextInstance(port, env)));
  for (const instance of started) if (instance.status === "fulfilled") children.push(instance.value);
  for (const instance of started) if (instance.status === "rejected") throw instance.reason;
  balancer = await startRoundRobin(BALANCER, INSTANCES);
});

test.afterAll(async () => {
  await balancer?.close();
  for (const child of children) child.kill("SIGTERM");
});

test.use({ baseURL: `http://localhost:${BALANCER}` });

const pagesServedBy = (instance: number, method = "GET") =>
  balancer.log.filter((entry) => entry.instance === instance && entry.method === method).length;

test("deux instances servent la même session, le même certificat et les mêmes actions", async ({ page }) => {
  const { credentials } = provisionAccount("PRONOTE_CAMPUS");
  await firstSignIn(page, credentials);

  // The session cookie and the device certificate, issued by one instance, are honoured by both.
  const panels = ["/configuration", "/controleur", "/plannings", "/client", "/communication", "/compte"];
  for (const round of [1, 2]) {
    for (const path of panels) {
      const before = balancer.log.length;
      await page.goto(path);
      await expect(page.getByRole("navigation", { name: "Volets de la console" }), `${path}, tour ${round}`).toBeVisible();
      expect(balancer.log.length).toBeGreaterThan(before);
    }
  }
  expect(pagesServedBy(0)).toBeGreaterThan(5);
  expect(pagesServedBy(1)).toBeGreaterThan(5);

  // Server actions posted to either instance: the page of one, the action on the other.
  await page.goto("/configuration");
  const planning = page.getByRole("region", { name: "Planning planning02" });
  const posts = () => [pagesServedBy(0, "POST"), pagesServedBy(1, "POST")];
  const [before0, before1] = posts();
  for (const zone of ["America/Martinique", "Indian/Reunion", "Pacific/Noumea", "Europe/Paris"]) {
    await planning.getByLabel("Fuseau horaire :").selectOption(zone);
    await expect(planning.getByText("Enregistré.")).toBeVisible();
    await page.reload();
    await expect(planning.getByLabel("Fuseau horaire :")).toHaveValue(zone);
  }
  const [after0, after1] = posts();
  expect(after0).toBeGreaterThan(before0);
  expect(after1).toBeGreaterThan(before1);

  // Signed out and back in: the certificate one instance installed spares the invoice number.
  await page.getByRole("button", { name: "Déconnexion" }).click();
  await expect(page.getByRole("heading", { name: "Accès à votre console d'hébergement" })).toBeVisible();
  await typeCredentials(page, credentials);
  await expect(page.getByRole("heading", { name: "Configuration", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Numéro de facture")).toHaveCount(0);
});

test("le ralentissement des connexions compte les erreurs faites sur chacune des instances", async ({ page }) => {
  const { credentials } = provisionAccount("PRONOTE_CAMPUS");
  // Five mistakes are free; alternating between two instances, a throttle kept in one instance's
  // memory would let ten pass. Seven tries must meet it.
  let throttled = false;
  for (let tries = 1; tries <= 7 && !throttled; tries++) {
    await typeCredentials(page, { ...credentials, password: "Mauvais-mot-de-passe-1" });
    const answer = page.getByText(/Numéro d'hébergement ou mot de passe incorrect\.|Trop de tentatives de connexion\./).first();
    await expect(answer).toBeVisible();
    throttled = /Trop de tentatives/.test((await answer.textContent()) ?? "");
  }
  expect(throttled).toBe(true);
  expect(new Set(balancer.log.filter((entry) => entry.method === "POST").map((entry) => entry.instance)).size).toBe(2);
});

test("un envoi de courriers commencé par une instance arrêtée en plein envoi est achevé par l'autre, sans double envoi", async ({
  page,
}) => {
  test.setTimeout(360_000);
  const { credentials, email } = provisionAccount("PRONOTE_CAMPUS");
  await firstSignIn(page, credentials);

  // Fiche 10: the sending account, through the balancer.
  await page.goto("/communication");
  await page.getByRole("button", { name: "+ Comptes personnels" }).click();
  await page
    .getByRole("dialog", { name: /Etape 2 : Création du compte personnel/ })
    .getByRole("button", { name: "Suivant" })
    .click();
  await finishSendingAccount(page, email);
  await page.getByRole("button", { name: "Fermer" }).click();

  // 1,500 staff imported, each with an address.
  const staff = 1500;
  const tag = Date.now().toString(36);
  await page.getByRole("link", { name: "Destinataires et envois" }).click();
  await page.getByRole("navigation", { name: "Populations" }).getByRole("link", { name: "Personnels" }).click();
  const rows = Array.from({ length: staff }, (_, i) => `Agent${i};Claude;agent${i}.${tag}@charge.test`);
  const csv = ["Nom;Prénom;E-mail", ...rows].join("\r\n");
  await page
    .getByLabel("Fichier CSV", { exact: true })
    .setInputFiles({ name: "personnels.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Analyser le fichier" }).click();
  await page.getByRole("button", { name: `Importer ${staff} personnels` }).click();
  await expect(page.getByRole("heading", { name: `Personnels : liste (${staff})` })).toBeVisible();

  // Sent by e-mail; the instance that took the sending is killed while it sends.
  await page.getByRole("button", { name: `Envoyer un courrier (${staff})` }).click();
  const dialog = page.getByRole("dialog", { name: "Envoi de courrier et document" });
  await dialog.getByRole("radio", { name: "E-mail" }).check();
  await dialog.getByRole("button", { name: "Imprimer / Générer / Mailer" }).click();
  await dialog.getByRole("button", { name: "Envoyer l'e-mail" }).click();
  const status = page.getByRole("status").filter({ hasText: "e-mail(s) envoyé(s)" }).first();
  await expect(status).toContainText(/Envoi en cours : [1-9]\d* \//);
  // The batch is a job: whichever instance took it holds its lease, and is the one killed.
  const database = new pg.Client({ connectionString: PAIR.DATABASE_URL });
  await database.connect();
  const { rows: held } = await database.query<{ leaseHolder: string }>(
    `SELECT b."leaseHolder" FROM "LetterBatch" b JOIN "HostingAccount" a ON a.id = b."accountId" WHERE a."hostingNumber" = $1 AND b.status = 'RUNNING'`,
    [credentials.hostingNumber],
  );
  await database.end();
  const sender = children.findIndex((child) => held[0]?.leaseHolder.endsWith(`:${child.pid}`));
  expect(sender).toBeGreaterThanOrEqual(0);
  children[sender].kill("SIGKILL");
  const sentBeforeKill = Number(/(\d+) \//.exec((await status.textContent()) ?? "")?.[1] ?? 0);
  expect(sentBeforeKill).toBeLessThan(staff);

  // The other instance's recovery job takes the batch over once the lease (30 s) ends.
  await expect(status).toContainText("Terminé", { timeout: 200_000 });
  const [, sent, failed] = /(\d+) \/ \d+ e-mail\(s\) envoyé\(s\)(?:, (\d+) en échec)?/.exec((await status.textContent())!)!;
  expect(Number(sent) + Number(failed ?? 0)).toBe(staff);
  // Nobody received two letters; every letter counted as sent was received.
  const received = new Map<string, number>();
  for (const line of readFileSync(E2E_ENV.MAILBOX, "utf8").split("\n")) {
    if (!line.includes(`.${tag}@charge.test`)) continue;
    for (const to of (JSON.parse(line) as { to: string[] }).to) received.set(to, (received.get(to) ?? 0) + 1);
  }
  expect([...received.values()].filter((count) => count > 1)).toEqual([]);
  expect(received.size).toBeGreaterThanOrEqual(Number(sent));
  console.log(
    `${staff} e-mails : ${sentBeforeKill} envoyés avant l'arrêt, ${sent} envoyés et ${failed ?? 0} interrompus à la fin, ${received.size} adresses servies une fois`,
  );
  // Interrupted e-mails are reported, not sent blindly a second time.
  if (Number(failed ?? 0) > 0) await expect(page.getByRole("table", { name: "E-mails non remis" })).toContainText("interrompu");
});
