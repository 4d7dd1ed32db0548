import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations, firstSignIn, provisionAccount, runConsoleCommand, typeCredentials } from "./support";

test("un compte HYPERPLANNING montre les textes et le suffixe HYPERPLANNING", async ({ page }) => {
  const { credentials, n } = provisionAccount("HYPERPLANNING");
  await firstSignIn(page, credentials);
  await expect(page.getByRole("banner")).toContainText("Console d'hébergement HYPERPLANNING");
  const controller = page.getByRole("region", { name: "Contrôleur HYPERPLANNING" });
  await expect(controller.getByText(".hyperplanning.fr", { exact: true })).toBeVisible();
  const planning = page.getByRole("region", { name: "Planning planning01" });
  await expect(planning.getByText("Serveur HYPERPLANNING")).toBeVisible();
  await expect(planning.getByRole("checkbox", { name: "Activer une licence HYPERPLANNING.net" })).toBeChecked();
  await planning.getByLabel("Nom de domaine associé :").fill(`hp-${n}`);
  await planning.getByRole("button", { name: "Associer" }).click();
  await expect(page.getByRole("dialog")).toContainText(
    `Confirmez-vous l'association du nom de domaine hp-${n}.hyperplanning.fr au planning planning01 ?`,
  );
});

test("un compte PRONOTE exige le RNE et donne l'adresse des Espaces qui en découle", async ({ page }) => {
  expect(() => provisionAccount("PRONOTE")).toThrow(/Le code RNE\/UAI est obligatoire pour PRONOTE/);
  const { credentials } = provisionAccount("PRONOTE", ["--rne", "0751234A"]);
  await firstSignIn(page, credentials);
  await expect(page.getByRole("region", { name: "Contrôleur PRONOTE" }).getByText(".index-education.net", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Mon compte" }).click();
  await expect(page.getByText("https://0751234a.index-education.net/pronote/").first()).toBeVisible();
});

test("le réglage de la licence .net et du fuseau horaire est conservé", async ({ page }) => {
  const { credentials } = provisionAccount("PRONOTE_CAMPUS");
  await firstSignIn(page, credentials);
  const planning = page.getByRole("region", { name: "Planning planning02" });
  await planning.getByRole("checkbox", { name: "Activer une licence PRONOTE Campus.net" }).uncheck();
  await expect(planning.getByText("Enregistré.")).toHaveCount(1);
  await planning.getByLabel("Fuseau horaire :").selectOption("America/Martinique");
  await expect(planning.getByText("Enregistré.")).toHaveCount(2);
  await page.reload();
  await expect(planning.getByRole("checkbox", { name: "Activer une licence PRONOTE Campus.net" })).not.toBeChecked();
  await expect(planning.getByLabel("Fuseau horaire :")).toHaveValue("America/Martinique");

  // Mes plannings names the missing steps: no .net licence, no controller in service.
  await page.getByRole("link", { name: "Mes plannings" }).click();
  await page
    .getByRole("navigation", { name: "Plannings" })
    .getByRole("link", { name: /^planning02/ })
    .click();
  // The tabs are the shown planning's: wait for planning02 before choosing one.
  const planning02 = page.getByRole("region", { name: "Administration du planning planning02" });
  await planning02.getByRole("link", { name: "PRONOTE Campus.net" }).click();
  await expect(page.getByText("La licence PRONOTE Campus.net n'est pas activée pour ce planning.", { exact: false })).toBeVisible();
  await page.getByRole("link", { name: "PRONOTE Campus serveur" }).click();
  await page.getByRole("button", { name: "Mettre en service" }).click();
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: "Le contrôleur n'est pas en service" })).toHaveText(
    "Le contrôleur n'est pas en service : activez-le d'abord depuis le volet Contrôleur (Fiche n°5).",
  );
  await page.getByRole("button", { name: "Créer une base" }).click();
  const dialog = page.getByRole("dialog", { name: "Paramétrage de la grille horaire" });
  await dialog.getByRole("button", { name: "Valider" }).click();
  await expect(
    dialog.getByText("Le contrôleur n'est pas en service : activez-le d'abord depuis le volet Contrôleur (Fiche n°5)."),
  ).toBeVisible();
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await expect(page.getByText("Base en cours : Aucune base chargée")).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("la réinitialisation du mot de passe par l'opérateur ferme la session ouverte", async ({ page }) => {
  const { credentials, mobile } = provisionAccount("PRONOTE_CAMPUS");
  await firstSignIn(page, credentials);
  const output = runConsoleCommand(["reset-password", "--hosting-number", credentials.hostingNumber]);
  const newPassword = /Nouveau mot de passe : (\S{14})/.exec(output)![1];
  expect(mobile).toBeTruthy();
  await page.reload();
  await expect(page).toHaveURL(/\/connexion$/);
  // The certificate of this browser still holds: the new password opens the console directly.
  await typeCredentials(page, { ...credentials, password: newPassword });
  await expect(page.getByRole("heading", { name: "Configuration", level: 1 })).toBeVisible();
});

test("un certificat révoqué redemande le numéro de facture", async ({ page }) => {
  const { credentials } = provisionAccount("PRONOTE_CAMPUS");
  await firstSignIn(page, credentials);
  await page.getByRole("link", { name: "Mon compte" }).click();
  await page.getByRole("button", { name: /^Révoquer le certificat/ }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  await typeCredentials(page, credentials);
  await expect(page.getByRole("heading", { name: "Installation du certificat" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});
