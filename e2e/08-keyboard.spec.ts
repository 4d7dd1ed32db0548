import { expect, test, type Locator, type Page } from "@playwright/test";
import { mailMatching, provisionAccount } from "./support";

// Fiches 2 to 11 by keyboard only: Tab and Shift+Tab to reach a control, Entrée and Espace to use
// it, the keys to type. After every window, the focus is somewhere a keyboard user can go on
// from, never on the page's body.

/** Tabs forward until `target` has the focus, as a keyboard user would; fails if it is never reached. */
async function tabTo(page: Page, target: Locator, max = 300) {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement, undefined, { timeout: 2000 })) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`${target} n'est jamais atteint avec la touche Tab`);
}

async function press(page: Page, target: Locator, key = "Enter") {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

async function type(page: Page, target: Locator, text: string) {
  await tabTo(page, target);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(text);
}

/** The focus after a window: on a control of the page, not lost on <body>. */
async function focusKept(page: Page, what: string) {
  await expect
    .poll(() => page.evaluate(() => document.activeElement !== null && document.activeElement !== document.body), {
      message: `focus après ${what}`,
    })
    .toBe(true);
}

test("Fiches 2 à 11 au clavier seulement, le focus jamais perdu après une fenêtre", async ({ page }) => {
  test.setTimeout(240_000);
  const { credentials, email, n } = provisionAccount("PRONOTE_CAMPUS");
  const nav = page.getByRole("navigation", { name: "Volets de la console" });

  // Fiche 2: sign-in, certificate, licence.
  await page.goto("/connexion");
  await type(page, page.getByLabel("Numéro d'hébergement"), credentials.hostingNumber);
  await type(page, page.getByLabel("Mot de passe de la console d'hébergement"), credentials.password);
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Numéro de facture")).toBeFocused();
  await page.keyboard.type(credentials.invoiceNumber);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Le certificat est installé" })).toBeFocused();
  await press(page, page.getByRole("button", { name: "Se connecter à la console d'hébergement" }));
  await press(page, page.getByRole("checkbox", { name: "J'accepte le Contrat de licence" }), "Space");
  await press(page, page.getByRole("button", { name: "Accepter" }));
  await expect(page.getByRole("heading", { name: "Configuration", level: 1 })).toBeVisible();

  // Fiche 3: a domain for the controller and for each planning, each confirmed then acknowledged.
  const regions = ["Contrôleur PRONOTE Campus", "Planning planning01", "Planning planning02"];
  for (const [i, name] of regions.entries()) {
    const region = page.getByRole("region", { name });
    await type(page, region.getByLabel("Nom de domaine associé :"), `clavier-${i}-${n}`);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Modification du nom de domaine" });
    await press(page, dialog.getByRole("button", { name: "Oui" }));
    await press(page, dialog.getByRole("button", { name: "Ok" }));
    await expect(dialog).toBeHidden();
    await focusKept(page, `le nom de domaine de ${name}`);
    await expect(region.getByRole("button", { name: "Associer" })).toBeFocused();
  }

  // Fiche 4: the first superadministrator.
  await press(page, nav.getByRole("link", { name: "Contrôleur" }));
  await type(page, page.getByLabel("Prénom : *"), "Pierre");
  await type(page, page.getByLabel("Nom : *", { exact: true }), "Martin");
  await type(page, page.getByLabel("Identifiant de connexion : *"), "pmartin");
  await type(page, page.getByLabel("Mot de passe : *", { exact: true }), "Motdepasse2026!");
  await type(page, page.getByLabel("Confirmation du mot de passe : *"), "Motdepasse2026!");
  await press(page, page.getByRole("button", { name: "Créer le superadministrateur" }));
  const created = page.getByRole("dialog", { name: "Création du premier superadministrateur" });
  await press(page, created.getByRole("button", { name: "Ok" }));
  await expect(created).toBeHidden();
  await focusKept(page, "la création du superadministrateur");
  await type(page, page.getByLabel("Email de pmartin"), email);
  await page.keyboard.press("Enter");

  // Fiche 5.
  await press(page, page.getByRole("button", { name: "Activer le contrôleur" }));
  await expect(page.getByText("Contrôleur en service")).toBeVisible();

  // Fiche 6: a base, which puts its planning in service.
  await press(page, nav.getByRole("link", { name: "Mes plannings" }));
  await press(page, page.getByRole("button", { name: "Créer une base" }));
  const grid = page.getByRole("dialog", { name: "Paramétrage de la grille horaire" });
  await type(page, grid.getByLabel("Nom de la nouvelle base :"), "Base 2026");
  await press(page, grid.getByRole("button", { name: "Valider" }));
  await expect(grid).toBeHidden();
  await focusKept(page, "la création de la base");
  await expect(page.getByText("Base en cours : Base 2026")).toBeVisible();

  // Fiche 7: the ParamClient file.
  await press(page, nav.getByRole("link", { name: "Télécharger le client" }));
  const download = page.waitForEvent("download");
  await press(page, page.getByRole("link", { name: "Appliquez les paramètres de connexion" }));
  expect((await download).suggestedFilename()).toBe("ParamClient.ini");

  // Fiche 8: another user, each value validated with Entrée.
  await press(page, nav.getByRole("link", { name: "Contrôleur" }));
  await press(page, page.getByRole("button", { name: "+ Nouveau" }));
  await expect(page.getByLabel("Id. connexion du nouvel utilisateur")).toBeFocused();
  for (const value of ["afilaire", "Filaire", "Alain"]) {
    await page.keyboard.type(value);
    await page.keyboard.press("Enter");
  }
  await expect(page.getByRole("status").filter({ hasText: "Utilisateur afilaire créé" })).toBeFocused();

  // Fiche 9: the public address of the Espaces.
  await press(page, nav.getByRole("link", { name: "Mes plannings" }));
  await press(page, page.getByRole("link", { name: "PRONOTE Campus.net" }));
  await type(page, page.getByRole("textbox", { name: "URL publique d'accès au .net" }), `https://clavier-1-${n}.pronote-campus.net/`);
  await page.keyboard.press("Enter");
  await expect(page.getByText("Enregistré.")).toBeVisible();

  // Fiche 10: the personal sending account.
  await press(page, nav.getByRole("link", { name: "Communication" }));
  await press(page, page.getByRole("button", { name: "+ Comptes personnels" }));
  await press(page, page.getByRole("dialog", { name: /Etape 2 : Création du compte personnel/ }).getByRole("button", { name: "Suivant" }));
  const [, code] = await mailMatching(email, /code dans la console d'hébergement : (\d{6})/);
  const verify = page.getByRole("dialog", { name: /Etape 3 : Vérification du code/ });
  await type(page, verify.getByLabel("Code reçu"), code);
  await page.keyboard.press("Enter");
  const secure = page.getByRole("dialog", { name: /Etape 4 : Sécurisation du compte/ });
  await type(page, secure.getByLabel("Question"), "Ville de naissance");
  await type(page, secure.getByLabel("Réponse"), "Paris");
  await page.keyboard.press("Enter");
  await press(page, page.getByRole("button", { name: "Fermer" }));
  await expect(page.getByText("Prêt pour l'envoi")).toBeVisible();
  await focusKept(page, "l'assistant du compte d'envoi");

  // Fiche 11: the staff's letters by e-mail.
  await press(page, page.getByRole("link", { name: "Destinataires et envois" }));
  await press(page, page.getByRole("navigation", { name: "Populations" }).getByRole("link", { name: "Personnels" }));
  await press(page, page.getByRole("button", { name: /^Envoyer un courrier \(\d+\)$/ }));
  const send = page.getByRole("dialog", { name: "Envoi de courrier et document" });
  await press(page, send.getByRole("radio", { name: "E-mail" }), "Space");
  await press(page, send.getByRole("button", { name: "Imprimer / Générer / Mailer" }));
  await press(page, send.getByRole("button", { name: "Envoyer l'e-mail" }));
  await expect(send).toBeHidden();
  await focusKept(page, "l'envoi des courriers");
  await expect(page.getByText(/Terminé : \d+ \/ \d+ e-mail\(s\) envoyé\(s\)/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("next-step")).toHaveText("Toutes les étapes du guide sont faites.");
});
