import { randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { expectNoAccessibilityViolations, runConsoleCommand } from "./support";
import { seedAccount, signInThroughApi } from "./seed";

// Issue 29: the provider's back office. The first operator comes from the command line; he signs in
// at /operateur/connexion, adds his authenticator application (mandatory), notes his recovery
// codes, and finds a school in the accounts list. A school's session never opens /operateur.

const codeOf = (secret: string, offset = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, "")), algorithm: "SHA1", digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offset * 30_000,
  });

test("Espace de l'hébergeur : le premier opérateur, sa double authentification et la liste des comptes", async ({ page, browser }) => {
  const school = await seedAccount("pupils");
  const email = `claire${randomInt(1e6, 1e7)}@hebergeur.test`;
  const out = runConsoleCommand(["operator", "add", "--email", email, "--name", "Claire Durand"]);
  const password = /Mot de passe \(affiché une seule fois\) : (\S+)/.exec(out)?.[1] ?? "";
  expect(password).toHaveLength(16);

  await page.goto("/operateur");
  await expect(page).toHaveURL(/\/operateur\/connexion$/);
  await expect(page.getByRole("heading", { name: "Espace de l'hébergeur", level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill("Mauvais-mot-de-passe");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByText("Adresse e-mail ou mot de passe incorrect.")).toBeVisible();
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { name: "Double authentification obligatoire" })).toBeVisible();
  await page.getByRole("button", { name: "Ajouter une application d'authentification" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
  await page.getByLabel("Code à 6 chiffres").fill(codeOf(secret));
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page.getByRole("list", { name: "Codes de secours" }).getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "J'ai noté mes codes de secours" }).click();

  await expect(page.getByRole("heading", { name: "Comptes d'hébergement", level: 1 })).toBeVisible();
  await expect(page.getByText("Claire Durand (Administration)")).toBeVisible();
  await page.getByLabel("UAI/RNE, établissement, responsable, e-mail ou nom de domaine").fill(school.labels.controller);
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByRole("status")).toHaveText("1 compte");
  await expect(page.getByRole("cell", { name: school.hostingNumber })).toBeVisible();
  await expect(page.getByRole("cell", { name: `${school.labels.controller}.pronote-campus.net` })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // The account's page: facts and counts, never a secret nor a pupil's name; an action, in the school's journal.
  await page.getByRole("link", { name: /^École / }).click();
  await expect(page.getByText("Numéro d'hébergement")).toBeVisible();
  await expect(page.getByText(school.hostingNumber)).toBeVisible();
  await expect(page.getByText("Élèves : 30")).toBeVisible();
  const html = await page.content();
  for (const secret of [school.password, "Motdepasse2026!", "Élève0", "Zoé", school.certificate.token]) {
    expect(html, secret).not.toContain(secret);
  }
  await page.getByRole("button", { name: "Renvoyer les identifiants d'hébergement" }).click();
  const journal = page.getByRole("region", { name: "Journal de l'établissement" });
  await expect(
    journal.getByRole("row", { name: /hébergeur \(administration\) L'hébergeur a renvoyé vos identifiants d'hébergement/ }),
  ).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // The school's own session (the hosting responsible's) opens nothing here.
  const context = await browser.newContext();
  const schoolPage = await context.newPage();
  await signInThroughApi(schoolPage, school);
  await schoolPage.goto("/configuration");
  await expect(schoolPage.getByRole("heading", { name: "Configuration", level: 1 })).toBeVisible();
  await schoolPage.goto("/operateur");
  await expect(schoolPage).toHaveURL(/\/operateur\/connexion$/);
  await context.close();

  // Signed out, the cookie opens nothing more.
  await page.getByRole("button", { name: "Déconnexion" }).click();
  await expect(page).toHaveURL(/\/operateur\/connexion$/);
  await page.goto("/operateur");
  await expect(page).toHaveURL(/\/operateur\/connexion$/);
});
