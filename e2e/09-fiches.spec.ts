import { expect, test, type Page } from "@playwright/test";
import {
  associateDomain,
  confirmFirstSuperadmin,
  createBase,
  download,
  expectNoAccessibilityViolations,
  finishSendingAccount,
  readPdfPage,
  typeNewUser,
} from "./support";
import { seedAccount, signInThroughApi } from "./seed";
import type { SeedStage, SeededAccount } from "./seed-stages";

// Beside the guide's one story (01-guide.spec.ts), each Fiche on its own: an account seeded as the
// Fiches before it leave it, the responsible signed in through the API, then the Fiche's screens.
// One failing Fiche hides no other, and `npx playwright test -g "Fiche 6"` runs one alone.
test.describe.configure({ mode: "parallel" });

async function openConsole(page: Page, stage: SeedStage): Promise<SeededAccount> {
  const account = await seedAccount(stage);
  await signInThroughApi(page, account);
  await page.goto("/configuration");
  await expect(page.getByRole("heading", { name: "Configuration", level: 1 })).toBeVisible();
  return account;
}

const panel = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Volets de la console" }).getByRole("link", { name }).click();

test("Fiche 3 — Configuration des plannings : le contrôleur et les plannings reçoivent leur nom de domaine", async ({ page }) => {
  const { labels } = await openConsole(page, "licence");
  const controller = page.getByRole("region", { name: "Contrôleur PRONOTE Campus" });
  await expect(controller.getByText("Arrêté")).toBeVisible();
  await associateDomain(
    page,
    controller,
    labels.controller,
    `Confirmez-vous l'association du nom de domaine ${labels.controller}.pronote-campus.net au contrôleur ?`,
    `Votre contrôleur répond désormais au nom de domaine ${labels.controller}.pronote-campus.net`,
  );
  await expect(controller.getByText("Numéro de port associé : 21200")).toBeVisible();
  for (const [i, name] of ["planning01", "planning02"].entries()) {
    const section = page.getByRole("region", { name: `Planning ${name}` });
    await associateDomain(
      page,
      section,
      labels.plannings[i],
      `Confirmez-vous l'association du nom de domaine ${labels.plannings[i]}.pronote-campus.net au planning ${name} ?`,
      `Le planning ${name} répond désormais au nom de domaine ${labels.plannings[i]}.pronote-campus.net`,
    );
    await expect(section.getByText(`Numéro de port associé : ${21201 + i}`)).toBeVisible();
  }
  await expect(page.getByTestId("next-step")).toHaveText("Prochaine étape : Fiche n°4 Création du premier superadministrateur");
});

test("Fiche 4 — Création du premier superadministrateur", async ({ page }) => {
  await openConsole(page, "domains");
  await panel(page, "Contrôleur");
  await expect(page.getByRole("heading", { name: "Création du premier superadministrateur" })).toBeVisible();
  await page.getByLabel("Prénom : *").fill("Pierre");
  await page.getByLabel("Nom : *", { exact: true }).fill("Martin");
  await page.getByLabel("Identifiant de connexion : *").fill("pmartin");
  await page.getByLabel("Mot de passe : *", { exact: true }).fill("Motdepasse2026!");
  await confirmFirstSuperadmin(page);
  await expect(page.getByRole("table")).toContainText("pmartin");
  await expectNoAccessibilityViolations(page);
});

test("Fiche 5 — Activation du contrôleur", async ({ page }) => {
  await openConsole(page, "superadmin");
  await panel(page, "Contrôleur");
  await page.getByRole("button", { name: "Activer le contrôleur" }).click();
  await expect(page.getByText("Contrôleur en service")).toBeVisible();
  await expect(page.getByRole("button", { name: "Désactiver le contrôleur" })).toBeVisible();
  await page.reload();
  await expect(page.getByText("Contrôleur en service")).toBeVisible();
});

test("Fiche 6 — Création et mise en service de la base, puis son transfert", async ({ page }) => {
  await openConsole(page, "controller");
  await panel(page, "Mes plannings");
  await expect(page.getByRole("heading", { name: "Administration du planning planning01" })).toBeVisible();
  await expect(page.getByText("Base en cours : Aucune base chargée")).toBeVisible();
  const dialog = await createBase(page, "Base 2026");
  await dialog.getByRole("button", { name: "Valider" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Base en cours : Base 2026")).toBeVisible();
  await expect(page.getByText("En service", { exact: true })).toBeVisible();
  await expect(page.getByText(/12 séquences de 01h00 .* pas horaire de 00h30/)).toBeVisible();
  const file = await download(page, page.getByRole("link", { name: "Transférer la base" }));
  expect(file.name).toMatch(/^planning01.*Base_2026-v\d{4}\.base$/);
  expect(file.bytes.subarray(0, 26).toString()).toBe("CONSOLE-HEBERGEMENT-BASE/1");
});

test("Fiche 7 — Télécharger le client : les paramètres de connexion et le lien des utilisateurs", async ({ page }) => {
  const { labels, hostingNumber } = await openConsole(page, "controller");
  await panel(page, "Télécharger le client");
  await expect(page.getByRole("heading", { name: "Installer ou diffuser le client PRONOTE Campus" })).toBeVisible();
  const file = await download(page, page.getByRole("link", { name: "Appliquez les paramètres de connexion" }));
  expect(file.name).toBe("ParamClient.ini");
  const text = file.bytes.toString("utf8");
  expect(text).toContain(`\r\nAdresse=${labels.controller}.pronote-campus.net\r\n`);
  expect(text).toContain("\r\nPortTCP=21200\r\n");
  expect(text).toContain(`\r\nCompteHebergement=${hostingNumber}\r\n`);
  const share = page.getByRole("region", { name: "Diffuser la connexion au contrôleur" });
  await expect(share.getByRole("link", { name: /\/espace\/connexion\?/ })).toHaveAttribute(
    "href",
    `http://localhost:3100/espace/connexion?controleur=${labels.controller}.pronote-campus.net&port=21200`,
  );
});

test("Fiche 8 — Création des autres utilisateurs et leur profil", async ({ page }) => {
  await openConsole(page, "controller");
  await panel(page, "Contrôleur");
  await page.getByRole("link", { name: "Liste des utilisateurs" }).click();
  await page.getByRole("button", { name: "+ Nouveau" }).click();
  await typeNewUser(page, { loginId: "afilaire", lastName: "Filaire", firstName: "Alain" });
  await expect(page.getByTestId("provisional")).toHaveText(/^\S{10}$/);
  await expect(page.getByRole("button", { name: "Statut de afilaire : Utilisateur. Modifier" })).toBeVisible();
  await page.getByRole("link", { name: "Affectation dans les profils" }).click();
  await page.getByRole("button", { name: "planning01", exact: true }).click();
  await page.getByRole("button", { name: "+ Consultation" }).click();
  await page
    .getByRole("dialog")
    .getByRole("checkbox", { name: /afilaire/ })
    .check();
  await page.getByRole("dialog").getByRole("button", { name: "Valider" }).click();
  await expect(page.getByRole("list", { name: "Profil Consultation" })).toContainText("FILAIRE Alain");
});

test("Fiche 9 — Saisie de l'adresse d'accès aux Espaces", async ({ page }) => {
  const { labels } = await openConsole(page, "controller");
  const url = `https://${labels.plannings[0]}.pronote-campus.net/`;
  await panel(page, "Mes plannings");
  await page.getByRole("link", { name: "PRONOTE Campus.net" }).click();
  const publicUrl = page.getByRole("textbox", { name: "URL publique d'accès au .net" });
  await publicUrl.fill("pas une adresse");
  await page.locator("#url-publique").getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.locator("#url-publique").locator(".field-error")).not.toBeEmpty();
  await publicUrl.fill(url);
  await page.locator("#url-publique").getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Enregistré.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("textbox", { name: "URL publique d'accès au .net" })).toHaveValue(url);
});

test("Fiche 10 — Création d'un compte e-mail", async ({ page }) => {
  const { email } = await openConsole(page, "licence");
  await panel(page, "Communication");
  await expect(page.getByRole("heading", { name: "Paramétrer l'envoi d'e-mails" })).toBeVisible();
  await page.getByRole("button", { name: "+ Comptes personnels" }).click();
  const wizard = page.getByRole("dialog", { name: /^Paramétrer l'envoi d'e-mails - Etape 2 : Création du compte personnel/ });
  await expect(wizard.getByLabel("Adresse e-mail")).toHaveValue(email);
  await wizard.getByRole("button", { name: "Suivant" }).click();
  await finishSendingAccount(page, email);
  await page.getByRole("button", { name: "Fermer" }).click();
  await expect(page.getByText("Prêt pour l'envoi")).toBeVisible();
});

test("Fiche 11 — Les courriers des élèves en PDF, chacun avec son identifiant et son QR code", async ({ page, browser }) => {
  const { labels } = await openConsole(page, "pupils");
  await panel(page, "Communication");
  await page.getByRole("link", { name: "Destinataires et envois" }).click();
  await page.getByRole("navigation", { name: "Populations" }).getByRole("link", { name: "Élèves" }).click();
  await expect(page.getByRole("heading", { name: "Élèves : liste (30)" })).toBeVisible();
  await page.getByLabel("Classe").selectOption("6B");
  await expect(page.getByText("15 destinataire(s) sur 30 correspondent à la recherche.")).toBeVisible();
  await page.getByRole("button", { name: "Envoyer un courrier (15)" }).click();
  const dialog = page.getByRole("dialog", { name: "Envoi de courrier et document" });
  await dialog.getByRole("radio", { name: "PDF" }).check();
  const file = await download(page, dialog.getByRole("button", { name: "Imprimer / Générer / Mailer" }));
  const first = await readPdfPage(browser, file.bytes, 1);
  expect(first.pages).toBe(15);
  expect(first.text).toContain("Classe : 6B");
  expect(first.text).toContain("Identifiant : zoe.eleve015");
  const payload = JSON.parse(first.qr!) as { url: string };
  expect(payload.url).toBe(`https://${labels.plannings[0]}.pronote-campus.net/mobile.eleve.html`);
});
