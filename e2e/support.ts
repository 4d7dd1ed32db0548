import { execFileSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { E2E_ENV } from "./env";

export type Credentials = { hostingNumber: string; invoiceNumber: string; password: string };

/** The operator's command, as an operator types it (F1). */
export function runConsoleCommand(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/console.ts", ...args], {
    env: { ...process.env, ...E2E_ENV, ...env, NODE_ENV: "development" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function jsonLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

/**
 * Opens an account and reads its credentials where the hosting responsible would: mailbox and phone.
 * `env` points the operator's command elsewhere (the two-instance test's own database).
 */
export function provisionAccount(product = "PRONOTE_CAMPUS", extra: string[] = [], env: Record<string, string> = {}) {
  const n = randomInt(10_000_000, 99_999_999);
  const email = `responsable${n}@ecole.test`;
  const mobile = `+336${n}`;
  runConsoleCommand(
    [
      "provision",
      "--product",
      product,
      "--establishment",
      `École ${n}`,
      "--name",
      "Camille Martin",
      "--email",
      email,
      "--mobile",
      mobile,
      ...extra,
    ],
    env,
  );
  const mail = jsonLines<{ to: string[]; text: string }>(E2E_ENV.MAILBOX).find((m) => m.to.includes(email));
  const sms = jsonLines<{ to: string; text: string }>(E2E_ENV.SMS_OUTBOX)
    .filter((s) => s.to === mobile)
    .at(-1);
  if (!mail || !sms) throw new Error("credentials were not delivered");
  const credentials: Credentials = {
    hostingNumber: /Numéro d'hébergement : (\d{12})/.exec(mail.text)![1],
    invoiceNumber: /Numéro de facture : (\d{10})/.exec(mail.text)![1],
    password: /console d'hébergement : (\S{14}) /.exec(sms.text)![1],
  };
  return { credentials, email, mobile, n };
}

/** The latest e-mail to `to` whose text matches `pattern`, as the catcher received it; waits for it. */
export async function mailMatching(to: string, pattern: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 100; i++) {
    const mail = jsonLines<{ to: string[]; text: string }>(E2E_ENV.MAILBOX)
      .filter((m) => m.to.includes(to) && pattern.test(m.text))
      .at(-1);
    if (mail) return pattern.exec(mail.text)!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no e-mail to ${to} matching ${pattern}`);
}

export async function expectNoAccessibilityViolations(page: Page) {
  // Next streams the <title> after a client navigation: analyse the page once it has settled.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export async function typeCredentials(page: Page, credentials: Credentials) {
  await page.goto("/connexion");
  await page.getByRole("radio", { name: "responsable de l'hébergement" }).check();
  await page.getByLabel("Numéro d'hébergement").fill(credentials.hostingNumber);
  await page.getByLabel("Mot de passe de la console d'hébergement").fill(credentials.password);
  await page.getByRole("button", { name: "Se connecter à la console d'hébergement" }).click();
}

/** Fiche 10, last two steps of the personal account: the e-mailed code, then the secret question. */
export async function finishSendingAccount(page: Page, email: string) {
  const verify = page.getByRole("dialog", { name: /Etape 3 : Vérification du code/ });
  const [, code] = await mailMatching(email, /code dans la console d'hébergement : (\d{6})/);
  await verify.getByLabel("Code reçu").fill(code);
  await verify.getByRole("button", { name: "Suivant" }).click();
  const secure = page.getByRole("dialog", { name: /Etape 4 : Sécurisation du compte/ });
  await secure.getByLabel("Question").fill("Ville de naissance");
  await secure.getByLabel("Réponse").fill("Paris");
  await secure.getByRole("button", { name: "Suivant" }).click();
  await expect(page.getByText(`La création du compte est finalisée : les courriers peuvent partir de ${email}.`)).toBeVisible();
}

/** Fiche 2 on a browser that has never seen the account: certificate, then licence. */
export async function firstSignIn(page: Page, credentials: Credentials) {
  await typeCredentials(page, credentials);
  await page.getByLabel("Numéro de facture").fill(credentials.invoiceNumber);
  await page.getByRole("button", { name: "Installer le certificat" }).click();
  await expect(page.getByText("Le certificat est installé sur ce navigateur.")).toBeVisible();
  await page.getByRole("button", { name: "Se connecter à la console d'hébergement" }).click();
  await page.getByRole("checkbox", { name: "J'accepte le Contrat de licence" }).check();
  await page.getByRole("button", { name: "Accepter" }).click();
  await expect(page.getByRole("heading", { name: "Configuration", level: 1 })).toBeVisible();
}

const PDF_ORIGIN = "http://pdf-reader.test";

/**
 * Renders one page of a PDF in Chromium with pdf.js, as a phone's camera would see the printed
 * letter, and scans the rendering for a QR code with jsQR; returns the page's text as well.
 */
export async function readPdfPage(browser: Browser, pdf: Buffer, pageNumber: number) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files: Record<string, { body: Buffer; type: string }> = {
    "/": { body: Buffer.from("<!doctype html><title>Lecture du PDF</title><canvas></canvas>"), type: "text/html" },
    "/pdf.mjs": { body: readFileSync("node_modules/pdfjs-dist/build/pdf.min.mjs"), type: "text/javascript" },
    "/pdf.worker.mjs": { body: readFileSync("node_modules/pdfjs-dist/build/pdf.worker.min.mjs"), type: "text/javascript" },
    "/jsqr.js": { body: readFileSync("node_modules/jsqr/dist/jsQR.js"), type: "text/javascript" },
    "/courriers.pdf": { body: pdf, type: "application/pdf" },
  };
  await page.route(`${PDF_ORIGIN}/**`, (route) => {
    const file = files[new URL(route.request().url()).pathname];
    return file ? route.fulfill({ body: file.body, contentType: file.type }) : route.fulfill({ status: 404 });
  });
  await page.goto(`${PDF_ORIGIN}/`);
  await page.addScriptTag({ url: `${PDF_ORIGIN}/jsqr.js` });
  const result = await page.evaluate(async (n) => {
    const pdfjs = await import(/* @vite-ignore */ `${location.origin}/pdf.mjs`);
    pdfjs.GlobalWorkerOptions.workerSrc = `${location.origin}/pdf.worker.mjs`;
    const doc = await pdfjs.getDocument(`${location.origin}/courriers.pdf`).promise;
    const pdfPage = await doc.getPage(n);
    const viewport = pdfPage.getViewport({ scale: 2 });
    const canvas = document.querySelector("canvas")!;
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    const context2d = canvas.getContext("2d")!;
    await pdfPage.render({ canvasContext: context2d, viewport }).promise;
    const pixels = context2d.getImageData(0, 0, canvas.width, canvas.height);
    const jsQR = (window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR;
    const code = jsQR(pixels.data, pixels.width, pixels.height);
    const content = await pdfPage.getTextContent();
    return {
      pages: doc.numPages as number,
      text: (content.items as { str: string; hasEOL?: boolean }[]).map((i) => i.str + (i.hasEOL ? "\n" : "")).join("\n"),
      qr: code?.data ?? null,
    };
  }, pageNumber);
  // PDF_SCREENSHOT=<file> keeps the rendered page, to look at a letter's layout.
  if (process.env.PDF_SCREENSHOT) await page.locator("canvas").screenshot({ path: process.env.PDF_SCREENSHOT });
  await context.close();
  return result;
}

/** Clicks a download link and returns the file as the browser saved it. */
export async function download(page: Page, link: Locator) {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return { name: file.suggestedFilename(), path: (await file.path())!, bytes: readFileSync((await file.path())!) };
}

/** F8 with the guide's values, typed as a newcomer would. */
export async function createBase(page: Page, name: string) {
  await page.getByRole("button", { name: "Créer une base" }).click();
  const dialog = page.getByRole("dialog", { name: "Paramétrage de la grille horaire" });
  await dialog.getByLabel("Nom de la nouvelle base :").fill(name);
  await dialog.getByLabel("Nombre de séquences :").fill("12");
  await dialog.getByLabel("Durée d'une séquence, heures").fill("1");
  await dialog.getByLabel("Durée d'une séquence, minutes").fill("0");
  await dialog.getByRole("radio", { name: "en 2" }).check();
  await expect(dialog.getByText("Durée de chaque pas horaire : 00h30")).toBeVisible();
  return dialog;
}

export async function associateDomain(page: Page, section: ReturnType<Page["getByRole"]>, label: string, confirm: string, done: string) {
  await section.getByLabel("Nom de domaine associé :").fill(label);
  await section.getByRole("button", { name: "Associer" }).click();
  const dialog = page.getByRole("dialog", { name: "Modification du nom de domaine" });
  await expect(dialog).toContainText(confirm);
  await expectNoAccessibilityViolations(page);
  await dialog.getByRole("button", { name: "Oui" }).click();
  await expect(dialog).toContainText(done);
  await dialog.getByRole("button", { name: "Ok" }).click();
  await expect(dialog).toBeHidden();
  // The focus comes back to "Associer", on the form the page renders anew, never to the body.
  await expect(section.getByRole("button", { name: "Associer" })).toBeFocused();
}

/** Fiche 4's last fields: a confirmation that differs is refused beside its field, then the right one creates him. */
export async function confirmFirstSuperadmin(page: Page) {
  await page.getByLabel("Confirmation du mot de passe : *").fill("Motdepasse2026?");
  await page.getByRole("button", { name: "Créer le superadministrateur" }).click();
  await expect(page.getByText("La confirmation ne correspond pas au mot de passe.")).toBeVisible();
  await page.getByLabel("Confirmation du mot de passe : *").fill("Motdepasse2026!");
  await page.getByRole("button", { name: "Créer le superadministrateur" }).click();
  const created = page.getByRole("dialog", { name: "Création du premier superadministrateur" });
  await expect(created).toContainText("Le premier superadministrateur a été créé");
  await created.getByRole("button", { name: "Ok" }).click();
}

/** F13 "+ Nouveau" already open: Id. connexion, Nom, Prénom, each validated with Entrée. */
export async function typeNewUser(page: Page, user: { loginId: string; lastName: string; firstName: string }) {
  await page.getByLabel("Id. connexion du nouvel utilisateur").fill(user.loginId);
  await page.getByLabel("Id. connexion du nouvel utilisateur").press("Enter");
  await page.getByLabel("Nom du nouvel utilisateur", { exact: true }).fill(user.lastName);
  await page.getByLabel("Nom du nouvel utilisateur", { exact: true }).press("Enter");
  await page.getByLabel("Prénom du nouvel utilisateur").fill(user.firstName);
  await page.getByLabel("Prénom du nouvel utilisateur").press("Enter");
}

/**
 * A controller user's first sign-in after his password (or his directory's yes): "Définir un code
 * PIN" typed twice on the keypad, then the device named and kept.
 */
export async function choosePinAndDevice(page: Page, pin: string, device = "Bureau") {
  await expect(page.getByRole("heading", { name: "Renforcer la sécurité de mon compte" })).toBeVisible();
  await page.getByRole("radio", { name: "Définir un code PIN" }).check();
  const keypad = page.getByRole("group", { name: "Pavé numérique" });
  for (let round = 0; round < 2; round++) {
    for (const digit of pin) await keypad.getByRole("button", { name: digit, exact: true }).click();
    await page.getByRole("button", { name: "Valider" }).click();
  }
  await expect(page.getByRole("heading", { name: "Enregistrement de l'appareil" })).toBeVisible();
  await page.getByLabel("Nom de l'appareil").fill(device);
  await page.getByRole("button", { name: "Suivant" }).click();
}
