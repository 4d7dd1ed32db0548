import { zipSync } from "fflate";
import { type Browser, expect, test, type Page } from "@playwright/test";
import { schoolYearAt } from "../lib/school-calendar";
import { readFileSync } from "node:fs";
import { E2E_ENV } from "./env";
import { seedAccount, signInThroughApi } from "./seed";
import { download, expectNoAccessibilityViolations, readPdfPage } from "./support";
import { sieclePupilsXml, siecleResponsablesXml, stsXml, UAI } from "../tests/support/siecle";

const year = schoolYearAt(new Date());

/** Seed 004's "SIECLE > Récupérer les données des élèves", with the files SIECLE exports zipped. */
async function chooseFiles(page: Page, pupils: Buffer, responsables: Buffer) {
  const section = page.getByRole("region", { name: "SIECLE > Récupérer les données des élèves" });
  await section.getByLabel("UAI (RNE) de l'établissement").fill(UAI);
  await section.getByLabel("Fichier des élèves (ElevesSansAdresses.xml)").setInputFiles({
    name: "ExportXML_ElevesSansAdresses.zip",
    mimeType: "application/zip",
    buffer: Buffer.from(zipSync({ "ElevesSansAdresses.xml": pupils })),
  });
  await section.getByLabel("Fichier des responsables (ResponsablesAvecAdresses.xml)").setInputFiles({
    name: "ResponsablesAvecAdresses.xml",
    mimeType: "text/xml",
    buffer: responsables,
  });
  await section.getByRole("button", { name: "Analyser les fichiers" }).click();
  return section;
}

/** The pupil found by his login prints his letter; he signs in at his Espace with it and chooses his own password. */
async function personalizeFromLetter(page: Page, browser: Browser, login: string, password: string) {
  await page.getByLabel("Nom, prénom ou identifiant").fill(login);
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByText("1 destinataire(s) sur")).toBeVisible();
  await page.getByRole("button", { name: "Envoyer un courrier (1)" }).click();
  const dialog = page.getByRole("dialog", { name: "Envoi de courrier et document" });
  await dialog.getByRole("radio", { name: "PDF" }).check();
  const file = await download(page, dialog.getByRole("button", { name: "Imprimer / Générer / Mailer" }));
  const letter = await readPdfPage(browser, file.bytes, 1);
  const provisional = /Mot de passe provisoire : (\S+)/.exec(letter.text)?.[1] ?? "";
  const url = (JSON.parse(letter.qr ?? "{}") as { url?: string }).url ?? "";
  expect(provisional).not.toBe("");
  await page.keyboard.press("Escape");
  const espace = await (await browser.newContext()).newPage();
  const signIn = async (secret: string) => {
    await espace.goto("/espace/mobile");
    await espace.getByLabel("Adresse de l'Espace").fill(url);
    await espace.getByLabel("Identifiant de connexion :").fill(login);
    await espace.getByLabel("Mot de passe :").fill(secret);
    await espace.getByRole("button", { name: "Valider" }).click();
  };
  await signIn(provisional);
  await espace.getByLabel("Nouveau mot de passe").fill(password);
  await espace.getByLabel("Confirmation du mot de passe").fill(password);
  await espace.getByRole("button", { name: "Valider" }).click();
  const connected = espace.getByText(/Vous êtes connecté\(e\) à l'Espace Élèves/);
  await expect(connected).toBeVisible();
  return { signIn, connected };
}

const row = (section: ReturnType<Page["getByRole"]>, name: string) => section.getByRole("row", { name: new RegExp(`^${name}`) });

test("SIECLE : les élèves et leurs responsables de cette année, puis ceux de l'année prochaine, sans doublon", async ({
  page,
  browser,
}) => {
  const account = await seedAccount("espaces", { open: true });
  await signInThroughApi(page, account);
  await page.goto("/communication");
  await page.getByRole("link", { name: "Destinataires et envois" }).click();
  await page.getByRole("navigation", { name: "Populations" }).getByRole("link", { name: "Élèves" }).click();

  // A file of another school is refused with its reason, and nothing is imported.
  let section = await chooseFiles(page, sieclePupilsXml(3, { uaj: "0999999Z", year }), siecleResponsablesXml(3, { uaj: "0999999Z", year }));
  await expect(section.getByRole("alert")).toHaveText(/Ce fichier est celui de l'établissement 0999999Z, pas du vôtre \(0123456A\)/);

  section = await chooseFiles(page, sieclePupilsXml(300, { year }), siecleResponsablesXml(300, { year }));
  await expect(row(section, "Élèves")).toHaveText(/Élèves\s*300\s*300\s*0\s*0/);
  await expect(row(section, "Responsables")).toHaveText(/Responsables\s*598\s*598\s*0\s*0/);
  await expectNoAccessibilityViolations(page);
  await section.getByRole("button", { name: "Importer" }).click();
  await expect(section.getByText("Import terminé : 898 arrivée(s), 0 départ(s), 0 modification(s).")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Élèves : liste (300)" })).toBeVisible();
  const pupil = page.getByRole("row", { name: /Lefèvre41 Anaïs/ });
  await expect(pupil).toContainText("6B");
  await expect(pupil).toContainText("anais.lefevre41");
  const espace = await personalizeFromLetter(page, browser, "anais.lefevre41", "Rentree-2026!");

  // A year on: pupils 0 to 29 have left, 300 to 329 arrive, everyone moves up a level.
  section = await chooseFiles(
    page,
    sieclePupilsXml(300, { year: year + 1, from: 30, grade: 1 }),
    siecleResponsablesXml(300, { year: year + 1, from: 30 }),
  );
  await expect(row(section, "Élèves")).toHaveText(/Élèves\s*300\s*30\s*30\s*270/);
  await expect(row(section, "Responsables")).toHaveText(/Responsables\s*600\s*60\s*58\s*0/);
  await section.getByText("Départs (88)").click();
  await expect(section.getByText("Élève : D'Artagnan0 Zoé (zoe.d-artagnan0)")).toBeVisible();
  await section.getByText("Modifications (200 premiers)").click();
  await expect(section.getByText("Élève : Lefèvre41 Anaïs (anais.lefevre41) — classe 6B → 5B")).toBeVisible();
  // Another school year: imported only once confirmed.
  await expect(section.getByRole("button", { name: "Importer" })).toBeDisabled();
  await section.getByRole("checkbox", { name: `Ce fichier est celui de l'année scolaire ${year + 1} : je confirme l'import.` }).check();
  await section.getByRole("button", { name: "Importer" }).click();
  await expect(section.getByText("Import terminé : 90 arrivée(s), 88 départ(s), 270 modification(s).")).toBeVisible();
  // The same 300 pupils' count, the same login, the new class; the departed listed nowhere.
  await expect(page.getByRole("heading", { name: "Élèves : liste (300)" })).toBeVisible();
  await page.getByLabel("Nom, prénom ou identifiant").fill("anais.lefevre41");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByText("1 destinataire(s) sur 300 correspondent à la recherche.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Lefèvre41 Anaïs/ })).toContainText("5B");
  await page.getByLabel("Nom, prénom ou identifiant").fill("zoe.d-artagnan0");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByText("Aucun destinataire ne correspond à la recherche.")).toBeVisible();
  // Her own password still opens her Espace.
  await espace.signIn("Rentree-2026!");
  await expect(espace.connected).toBeVisible();
});

/** "Imports / Exports STSWEB > Récupérer des données" on the Professeurs page. */
async function chooseStsFile(page: Page, xml: Buffer) {
  const section = page.getByRole("region", { name: "Imports / Exports STSWEB > Récupérer des données" });
  await section.getByLabel("UAI (RNE) de l'établissement").fill(UAI);
  await section.getByLabel("Fichier de STSWEB (sts_emp_<UAI>_<année>.xml)").setInputFiles({
    name: `sts_emp_${UAI}_${year}.xml`,
    mimeType: "text/xml",
    buffer: xml,
  });
  await section.getByRole("button", { name: "Analyser les fichiers" }).click();
  return section;
}

test("à la taille d'un lycée : 3 000 élèves, 5 998 responsables et 200 professeurs importés par l'écran", async ({ page }) => {
  test.setTimeout(180_000);
  const account = await seedAccount("espaces");
  await signInThroughApi(page, account);
  await page.goto("/communication?onglet=destinataires&population=ELEVES");
  const section = await chooseFiles(page, sieclePupilsXml(3000, { year }), siecleResponsablesXml(3000, { year }));
  await expect(row(section, "Élèves")).toHaveText(/Élèves\s*3000\s*3000\s*0\s*0/, { timeout: 60_000 });
  await expect(row(section, "Responsables")).toHaveText(/Responsables\s*5998\s*5998\s*0\s*0/);
  await section.getByRole("button", { name: "Importer" }).click();
  await expect(section.getByText("Import terminé : 8998 arrivée(s), 0 départ(s), 0 modification(s).")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("heading", { name: "Élèves : liste (3000)" })).toBeVisible();

  await page.getByRole("navigation", { name: "Populations" }).getByRole("link", { name: "Professeurs" }).click();
  // Another school's export is refused with its reason; a timetable program's too.
  let sts = await chooseStsFile(page, stsXml(3, { year, uaj: "0999999Z" }));
  await expect(sts.getByRole("alert")).toHaveText(/Ce fichier est celui de l'établissement 0999999Z/);
  sts = await chooseStsFile(page, stsXml(3, { year, source: "EDT 2026" }));
  await expect(sts.getByRole("alert")).toHaveText(/vient d'un logiciel d'emploi du temps \(EDT 2026\), pas de STSWEB/);
  sts = await chooseStsFile(page, stsXml(200, { year }));
  await expect(row(sts, "Professeurs")).toHaveText(/Professeurs\s*200\s*200\s*0\s*0/);
  await expectNoAccessibilityViolations(page);
  await sts.getByRole("button", { name: "Importer" }).click();
  await expect(sts.getByText("Import terminé : 200 arrivée(s), 0 départ(s), 0 modification(s).")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Professeurs : liste (200)" })).toBeVisible();
});

test("les responsables par la poste et par SMS : un courrier par adresse, une planche d'étiquettes, des SMS", async ({ page, browser }) => {
  const account = await seedAccount("espaces");
  await signInThroughApi(page, account);
  await page.goto("/communication?onglet=destinataires&population=RESPONSABLES");
  const section = await chooseFiles(page, sieclePupilsXml(10, { year }), siecleResponsablesXml(10, { year }));
  await section.getByRole("button", { name: "Importer" }).click();
  await expect(section.getByText("Import terminé : 28 arrivée(s), 0 départ(s), 0 modification(s).")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Responsables : liste (18)" })).toBeVisible();
  // Each responsable's row names his pupils and address, and where the record comes from.
  const mother = page.getByRole("row", { name: /D'Artagnan0 Hélène/ });
  await expect(mother).toContainText("D'ARTAGNAN0 Zoé (6A)");
  await expect(mother).toContainText("0 rue de l'Église, 75011 PARIS");
  await expect(mother).toContainText("SIECLE");
  await page.getByLabel("Source").selectOption("CSV");
  await expect(page.getByText("Aucun destinataire ne correspond à la recherche.")).toBeVisible();
  await page.getByLabel("Source").selectOption("SIECLE");
  await expect(page.getByText("18 destinataire(s) sur 18 correspondent à la recherche.")).toBeVisible();
  await page.getByLabel("Source").selectOption("");

  await page.getByRole("button", { name: "Envoyer un courrier (18)" }).click();
  let dialog = page.getByRole("dialog", { name: "Envoi de courrier et document" });
  await dialog.getByRole("radio", { name: "PDF" }).check();
  await dialog.getByRole("checkbox", { name: /Un courrier par adresse/ }).check();
  await dialog.getByLabel("Adresse postale de l'établissement (expéditeur)").fill("12 avenue de la République\n75011 PARIS");
  await expectNoAccessibilityViolations(page);
  const file = await download(page, dialog.getByRole("button", { name: "Imprimer / Générer / Mailer" }));
  // 9 families at 9 addresses: one letter each, its first page naming both parents in the window.
  const first = await readPdfPage(browser, file.bytes, 1);
  expect(first.pages).toBe(18);
  const windows: string[] = [];
  const logins: string[] = [];
  for (let n = 1; n <= first.pages; n++) {
    const { text } = n === 1 ? first : await readPdfPage(browser, file.bytes, n);
    logins.push(/Identifiant : (\S+)/.exec(text)?.[1] ?? "");
    const street = /(\d+) rue de l'Église/.exec(text)?.[1];
    if (street !== undefined) {
      windows.push(street);
      expect(text).toContain("75011 PARIS");
      expect(text).toContain("12 avenue de la République");
      expect(text.match(/Hélène|Benoît/g)?.length).toBeGreaterThanOrEqual(2);
    }
  }
  expect(windows.sort()).toEqual(["0", "2", "3", "4", "5", "6", "7", "8", "9"]);
  expect(new Set(logins).size).toBe(18);
  await page.keyboard.press("Escape");

  // "Imprimer des étiquettes": 18 labels on one 3 × 8 sheet, no QR code.
  await page.getByRole("button", { name: "Envoyer un courrier (18)" }).click();
  dialog = page.getByRole("dialog", { name: "Envoi de courrier et document" });
  await dialog.getByRole("radio", { name: "Imprimer des étiquettes" }).check();
  await expect(dialog.getByLabel("Planche d'étiquettes")).toHaveValue("3x8");
  await expect(dialog.getByRole("checkbox", { name: /Sans QR code/ })).toBeHidden();
  const labels = await download(page, dialog.getByRole("button", { name: "Imprimer / Générer / Mailer" }));
  expect(labels.name).toMatch(/^Informations de connexion \d{4}-\d{2}-\d{2}\.pdf$/);
  const sheet = await readPdfPage(browser, labels.bytes, 1);
  expect(sheet.pages).toBe(1);
  expect(sheet.qr).toBeNull();
  for (const login of logins) expect(sheet.text).toContain(`Identifiant : ${login}`);
  await page.keyboard.press("Escape");

  // "Connexion des responsables (SMS)": to the 13 who have a mobile and accept SMS, read back from the outbox.
  await page.getByRole("button", { name: "Envoyer un courrier (18)" }).click();
  dialog = page.getByRole("dialog", { name: "Envoi de courrier et document" });
  await dialog.getByRole("radio", { name: "SMS" }).check();
  await expect(dialog.getByLabel("Modèles destinés aux responsables")).toHaveValue(/.+/);
  await expect(dialog.getByLabel("Modèles destinés aux responsables").locator("option")).toHaveText(["Connexion des responsables (SMS)"]);
  await dialog.getByRole("button", { name: "Imprimer / Générer / Mailer" }).click();
  await expect(dialog.getByText("13 destinataire(s) recevront le SMS « Connexion des responsables (SMS) ».")).toBeVisible();
  await expect(dialog.getByText("5 destinataire(s) n'ont pas de téléphone portable ou refusent les SMS")).toBeVisible();
  const sentFrom = new Date().toISOString();
  await dialog.getByRole("button", { name: "Envoyer les SMS" }).click();
  await expect(page.getByText("Terminé : 13 / 13 SMS envoyé(s)")).toBeVisible({ timeout: 30_000 });
  const outbox = readFileSync(E2E_ENV.SMS_OUTBOX, "utf8").split("\n").filter(Boolean);
  const sms = outbox
    .map((line) => JSON.parse(line) as { to: string; text: string; sentAt: string })
    .filter((m) => m.sentAt >= sentFrom && m.text.includes(`École ${account.n}`));
  expect(sms).toHaveLength(13);
  for (const message of sms) {
    expect(logins.some((login) => message.text.includes(`Identifiant : ${login}`))).toBe(true);
    expect(message.text).not.toMatch(/QR code|Code de sécurité/);
  }

  // The SMS model's length is shown while it is edited.
  await page.goto("/communication?onglet=modeles");
  await page.getByRole("navigation", { name: "Modèles" }).getByRole("button", { name: "Connexion des responsables (SMS)" }).click();
  await expect(page.getByText(/Longueur pour .+ : \d+ \/ (160|306) caractères \([12] SMS\)/)).toBeVisible();
  await page.getByLabel("Texte du modèle « Connexion des responsables (SMS) »").fill("[Identifiant]\n[QR code]");
  await expect(page.getByText("Un SMS ne peut pas contenir la balise [QR code]")).toBeVisible();
});
