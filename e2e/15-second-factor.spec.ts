import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { expectNoAccessibilityViolations } from "./support";
import { seedAccount, signInThroughApi } from "./seed";

// Issue 29: the second factor in Chromium. The hosting responsible makes it mandatory for the
// superadministrators (F5 Sécurité); pmartin adds his application at his next sign-in, notes his
// recovery codes, then signs in with a code, and with a recovery code; the hosting responsible adds
// his own in Mon compte and signs in with it. The phone is otpauth, fed the secret the page shows.

/** The code the phone shows for `secret`, `offset` windows of 30 seconds from now. */
const codeOf = (secret: string, offset = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, "")), algorithm: "SHA1", digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offset * 30_000,
  });

async function signInAsSuperadmin(page: Page, controller: string) {
  await page.goto("/connexion");
  await page.getByRole("radio", { name: /utilisateur du contrôleur/ }).check();
  await page.getByLabel("Adresse IP ou nom de domaine").fill(controller);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByLabel("Identifiant de connexion :").fill("pmartin");
  await page.getByLabel("Mot de passe :").fill("Motdepasse2026!");
  await page.getByRole("button", { name: "Valider" }).click();
}

/** Adds the application from the QR window: the secret read from the page, its first code typed back. */
async function addApplication(page: Page): Promise<{ secret: string; codes: string[] }> {
  await page.getByRole("button", { name: "Ajouter une application d'authentification" }).click();
  await expect(page.getByRole("img", { name: "QR code de l'application d'authentification" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
  await expectNoAccessibilityViolations(page);
  await page.getByLabel("Nom de l'application (facultatif)").fill("Téléphone");
  await page.getByLabel("Code à 6 chiffres").fill(codeOf(secret, -1));
  await page.getByRole("button", { name: "Valider" }).click();
  const list = page.getByRole("list", { name: "Codes de secours" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const codes = await list.getByRole("listitem").allTextContents();
  await page.getByRole("button", { name: "J'ai noté mes codes de secours" }).click();
  return { secret, codes };
}

test("Double authentification : obligatoire pour les superadministrateurs, puis connexion avec l'application et un code de secours", async ({
  page,
  browser,
}) => {
  const account = await seedAccount("controller");
  const controller = `${account.labels.controller}.pronote-campus.net`;
  await signInThroughApi(page, account);
  await page.goto("/controleur?onglet=securite");
  await page.getByRole("checkbox", { name: "Double authentification obligatoire" }).check();
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Enregistré.")).toBeVisible();

  const context = await browser.newContext();
  const user = await context.newPage();
  await signInAsSuperadmin(user, controller);
  await expect(user.getByRole("heading", { name: "Double authentification obligatoire" })).toBeVisible();
  const { secret, codes } = await addApplication(user);
  await expect(user.getByRole("heading", { name: "Renforcer la sécurité de mon compte" })).toBeVisible();
  await user.getByRole("radio", { name: "Aucune mesure supplémentaire" }).check();
  await user.getByRole("button", { name: "Valider" }).click();
  await expect(user.getByRole("heading", { name: "Plannings de MARTIN Pierre" })).toBeVisible();
  // Mes préférences lists the application and the ten codes.
  await user.getByRole("link", { name: "Mes préférences" }).click();
  const section = user.getByRole("region", { name: "Double authentification" });
  await expect(section.getByRole("cell", { name: "Téléphone", exact: true })).toBeVisible();
  await expect(section.getByText("Codes de secours restants : 10 sur 10.")).toBeVisible();
  await expectNoAccessibilityViolations(user);
  await user.getByRole("link", { name: "Plannings de MARTIN Pierre" }).click();
  await user.getByRole("button", { name: "Déconnexion" }).click();
  await expect(user).toHaveURL(/\/connexion$/);

  // The next sign-in asks the code: a wrong one is refused beside its field, the phone's is taken.
  await signInAsSuperadmin(user, controller);
  await expect(user.getByRole("heading", { name: "Double authentification", exact: true })).toBeVisible();
  await user.getByLabel("Code de l'application ou code de secours").fill("000000");
  await user.getByRole("button", { name: "Valider" }).click();
  await expect(user.getByText(/Code incorrect/)).toBeVisible();
  await user.getByLabel("Code de l'application ou code de secours").fill(codeOf(secret, 1));
  await user.getByRole("button", { name: "Valider" }).click();
  await expect(user.getByRole("heading", { name: "Plannings de MARTIN Pierre" })).toBeVisible();
  await user.getByRole("button", { name: "Déconnexion" }).click();
  await expect(user).toHaveURL(/\/connexion$/);

  // The phone lost: a recovery code, once.
  await signInAsSuperadmin(user, controller);
  await user.getByLabel("Code de l'application ou code de secours").fill(codes[0]);
  await user.getByRole("button", { name: "Valider" }).click();
  await expect(user.getByRole("heading", { name: "Plannings de MARTIN Pierre" })).toBeVisible();
  await user.getByRole("link", { name: "Mes préférences" }).click();
  await expect(user.getByText("Codes de secours restants : 9 sur 10.")).toBeVisible();
  await context.close();
});

test("Double authentification du responsable de l'hébergement : Mon compte, puis la connexion avec le code", async ({ page, browser }) => {
  const account = await seedAccount("licence");
  await signInThroughApi(page, account);
  await page.goto("/compte");
  const section = page.getByRole("region", { name: "Double authentification" });
  await expect(section.getByText(/n'est protégé que par son mot de passe/)).toBeVisible();
  const { secret } = await addApplication(page);
  await expect(section.getByText("Codes de secours restants : 10 sur 10.")).toBeVisible();

  // From the certified browser: the password, then the code asked beside it.
  const context = await browser.newContext();
  await context.addCookies([{ name: account.certificate.name, value: account.certificate.token, url: page.url() }]);
  const again = await context.newPage();
  await again.goto("/connexion");
  await again.getByLabel("Numéro d'hébergement").fill(account.hostingNumber);
  await again.getByLabel("Mot de passe de la console d'hébergement").fill(account.password);
  await again.getByRole("button", { name: "Se connecter à la console d'hébergement" }).click();
  const code = again.getByLabel("Code de l'application d'authentification ou code de secours");
  await expect(code).toBeFocused();
  await code.fill(codeOf(secret, 1));
  await again.getByRole("button", { name: "Se connecter à la console d'hébergement" }).click();
  await expect(again.getByRole("heading", { name: "Configuration", level: 1 })).toBeVisible();
  await context.close();
});
