import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations, firstSignIn, provisionAccount } from "./support";

// Screens that fit: the windows and lists the guide walks through, on a laptop's 1280×720 and on a
// 1920×1080 screen. Each screenshot is kept with the test's results; the test asserts that what
// must be reached (every button of a window, the console access column) is in the viewport.
const SCREENS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

async function firstSuperadmin(page: Page) {
  await page.getByRole("navigation", { name: "Volets de la console" }).getByRole("link", { name: "Contrôleur" }).click();
  await page.getByLabel("Prénom : *").fill("Zoé");
  await page.getByLabel("Nom : *", { exact: true }).fill("Lefèvre");
  await page.getByLabel("Identifiant de connexion : *").fill("zlefevre");
  await page.getByLabel("Mot de passe : *", { exact: true }).fill("Motdepasse2026!");
  await page.getByLabel("Confirmation du mot de passe : *").fill("Motdepasse2026!");
  await page.getByRole("button", { name: "Créer le superadministrateur" }).click();
  await page.getByRole("dialog", { name: "Création du premier superadministrateur" }).getByRole("button", { name: "Ok" }).click();
  await expect(page.getByRole("table")).toContainText("zlefevre");
}

for (const screen of SCREENS) {
  test(`${screen.width}×${screen.height} : la grille horaire, la liste des utilisateurs et un long nom de domaine tiennent à l'écran`, async ({
    page,
  }, info) => {
    await page.setViewportSize(screen);
    const { credentials } = provisionAccount("PRONOTE_CAMPUS");
    await firstSignIn(page, credentials);

    // A 63-character label stays inside its confirmation window.
    const label = `ecole-${"a".repeat(50)}-${Date.now().toString(36)}`.slice(0, 63);
    const controller = page.getByRole("region", { name: "Contrôleur PRONOTE Campus" });
    await controller.getByLabel("Nom de domaine associé :").fill(label);
    await controller.getByRole("button", { name: "Associer" }).click();
    const confirm = page.getByRole("dialog", { name: "Modification du nom de domaine" });
    await expect(confirm).toContainText(`${label}.pronote-campus.net`);
    expect(await confirm.evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
    await expect(confirm.getByRole("button", { name: "Oui" })).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: info.outputPath(`domaine-${screen.width}.png`) });
    await confirm.getByRole("button", { name: "Non" }).click();

    // "Paramétrage de la grille horaire": its buttons in view, its fields scrolled inside the window.
    await page.getByRole("navigation", { name: "Volets de la console" }).getByRole("link", { name: "Mes plannings" }).click();
    await page.getByRole("button", { name: "Créer une base" }).click();
    const grid = page.getByRole("dialog", { name: "Paramétrage de la grille horaire" });
    await expect(grid.getByLabel("Nom de la nouvelle base :")).toBeVisible();
    await page.screenshot({ path: info.outputPath(`grille-${screen.width}.png`) });
    for (const name of ["Annuler", "Valider"]) await expect(grid.getByRole("button", { name })).toBeInViewport({ ratio: 1 });
    await expect(grid.getByRole("heading", { name: "Paramétrage de la grille horaire" })).toBeInViewport({ ratio: 1 });
    const box = (await grid.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(screen.height);
    await grid.getByText("Dernier dimanche", { exact: false }).first().scrollIntoViewIfNeeded();
    await expect(grid.getByText("Dernier dimanche", { exact: false }).first()).toBeInViewport({ ratio: 1 });
    await expect(grid.getByRole("button", { name: "Valider" })).toBeInViewport({ ratio: 1 });
    await expectNoAccessibilityViolations(page);
    await grid.getByRole("button", { name: "Annuler" }).click();
    await expect(page.getByRole("button", { name: "Créer une base" })).toBeFocused();

    // The user list: Statut, Id. connexion, Nom and "Accès à la console" on screen; ticking it keeps the names in view.
    await firstSuperadmin(page);
    const access = page.getByRole("checkbox", { name: "Accès à la console pour zlefevre" });
    await page.getByLabel("Email de zlefevre").fill("zlefevre@ecole.fr");
    await page.getByLabel("Email de zlefevre").press("Enter");
    await expect(access).toBeEnabled();
    await page.screenshot({ path: info.outputPath(`utilisateurs-${screen.width}.png`) });
    await expect(page.getByRole("button", { name: "+ Nouveau" })).toBeInViewport({ ratio: 1 });
    await expect(access).toBeInViewport({ ratio: 1 });
    await access.check();
    await expect(access).toBeChecked();
    await expect(page.getByRole("cell", { name: "zlefevre", exact: true })).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole("cell", { name: "LEFÈVRE", exact: true })).toBeInViewport({ ratio: 1 });
    // The delegated identifiers have their own view.
    await expect(page.getByRole("columnheader", { name: "Identifiant LDAP" })).toHaveCount(0);
    await page.getByRole("button", { name: "Afficher les identifiants délégués (LDAP, CAS, WsFed)" }).click();
    await expect(page.getByRole("columnheader", { name: "Identifiant LDAP" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Identifiant LDAP de zlefevre" })).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });
}
