import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations, provisionAccount, typeCredentials, type Credentials } from "./support";

async function associateDomain(page: Page, section: ReturnType<Page["getByRole"]>, label: string, confirm: string, done: string) {
  await section.getByLabel("Nom de domaine associé :").fill(label);
  await section.getByRole("button", { name: "Associer" }).click();
  const dialog = page.getByRole("dialog", { name: "Modification du nom de domaine" });
  await expect(dialog).toContainText(confirm);
  await expectNoAccessibilityViolations(page);
  await dialog.getByRole("button", { name: "Oui" }).click();
  await expect(dialog).toContainText(done);
  await dialog.getByRole("button", { name: "Ok" }).click();
  await expect(dialog).toBeHidden();
}

test("Le guide, Fiche après Fiche : des identifiants reçus aux utilisateurs du contrôleur", async ({ page, browser }) => {
  let credentials: Credentials;
  let n: number;

  await test.step("Fiche 1 — Réception des informations hébergement", async () => {
    ({ credentials, n } = provisionAccount("PRONOTE_CAMPUS"));
    expect(credentials.hostingNumber).toMatch(/^\d{12}$/);
    expect(credentials.invoiceNumber).toMatch(/^\d{10}$/);
    expect(credentials.password).toHaveLength(14);
  });

  await test.step("Fiche 2 — Connexion à la console d'hébergement", async () => {
    await page.goto("/connexion");
    await expectNoAccessibilityViolations(page);
    await typeCredentials(page, { ...credentials, password: "mauvais-mot-de-passe" });
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Numéro d'hébergement ou mot de passe incorrect.");

    await typeCredentials(page, credentials);
    await expect(page.getByRole("heading", { name: "Installation du certificat" })).toBeVisible();
    await expect(page.getByLabel("Numéro de facture")).toBeFocused();
    await expectNoAccessibilityViolations(page);
    await page.getByLabel("Numéro de facture").fill("0000000000");
    await page.getByRole("button", { name: "Installer le certificat" }).click();
    await expect(page.getByText("Numéro de facture incorrect.")).toBeVisible();
    await page.getByLabel("Numéro de facture").fill(credentials.invoiceNumber);
    await page.getByRole("button", { name: "Installer le certificat" }).click();
    await expect(page.getByText("Le certificat est installé sur ce navigateur.")).toBeVisible();
    await page.getByRole("button", { name: "Se connecter à la console d'hébergement" }).click();

    await expect(page).toHaveURL(/\/licence$/);
    await expectNoAccessibilityViolations(page);
    await page.getByRole("checkbox", { name: "J'accepte le Contrat de licence" }).check();
    await page.getByRole("button", { name: "Accepter" }).click();
    await expect(page).toHaveURL(/\/configuration$/);
    await expect(page.getByTestId("next-step")).toHaveText("Prochaine étape : Fiche n°3 Configuration des plannings");
  });

  const controllerLabel = `ecole-${n!}`;
  const planningLabels = [`ecole-annee-en-cours-${n!}`, `ecole-annee-prochaine-${n!}`];

  await test.step("Fiche 3 — Configuration des plannings", async () => {
    await expectNoAccessibilityViolations(page);
    const controller = page.getByRole("region", { name: "Contrôleur PRONOTE Campus" });
    await expect(controller.getByText("Arrêté")).toBeVisible();
    await expect(controller.getByText("Le nom de domaine est indispensable à la mise en service")).toBeVisible();

    // A label that breaks the rules is refused beside the field, before any dialog.
    await controller.getByLabel("Nom de domaine associé :").fill("-mon-ecole");
    await controller.getByRole("button", { name: "Associer" }).click();
    await expect(controller.getByText("Le nom de domaine ne peut ni commencer ni finir par un tiret.")).toBeVisible();
    await expect(page.getByRole("dialog")).toBeHidden();

    await associateDomain(
      page,
      controller,
      controllerLabel,
      `Confirmez-vous l'association du nom de domaine ${controllerLabel}.pronote-campus.net au contrôleur ?`,
      `Votre contrôleur répond désormais au nom de domaine ${controllerLabel}.pronote-campus.net`,
    );
    await expect(controller.getByText("Numéro de port associé : 21200")).toBeVisible();

    // Rename the first planning, confirmed by Ok.
    const first = page.getByRole("region", { name: "Planning planning01" });
    await first.getByLabel("Nom du planning :").fill("Année en cours");
    await first.getByRole("button", { name: "Renommer" }).click();
    const renamed = page.getByRole("dialog", { name: "Modification du nom du planning" });
    await expect(renamed).toContainText("Le planning s'appelle désormais Année en cours.");
    await renamed.getByRole("button", { name: "Ok" }).click();

    const plannings = [
      { region: "Planning Année en cours", name: "Année en cours", port: 21201 },
      { region: "Planning planning02", name: "planning02", port: 21202 },
    ];
    for (const [i, planning] of plannings.entries()) {
      const section = page.getByRole("region", { name: planning.region });
      await expect(section.getByRole("checkbox", { name: "Activer une licence PRONOTE Campus.net" })).toBeChecked();
      await expect(section.getByText("Non Publié")).toBeVisible();
      await expect(section.getByLabel("Fuseau horaire :")).toHaveValue("Europe/Paris");
      await expect(section.getByLabel("Fuseau horaire :").locator("option:checked")).toHaveText(
        "(UTC+01:00) Bruxelles, Copenhague, Madrid, Paris",
      );
      await associateDomain(
        page,
        section,
        planningLabels[i],
        `Confirmez-vous l'association du nom de domaine ${planningLabels[i]}.pronote-campus.net au planning ${planning.name} ?`,
        `Le planning ${planning.name} répond désormais au nom de domaine ${planningLabels[i]}.pronote-campus.net`,
      );
      await expect(section.getByText(`Numéro de port associé : ${planning.port}`)).toBeVisible();
    }
    await expect(page.getByTestId("next-step")).toHaveText(
      "Prochaine étape : Fiche n°4 Création du premier superadministrateur",
    );
  });

  await test.step("Tout est conservé après rechargement", async () => {
    await page.reload();
    const controller = page.getByRole("region", { name: "Contrôleur PRONOTE Campus" });
    await expect(controller.getByLabel("Nom de domaine associé :")).toHaveValue(controllerLabel);
    await expect(controller.getByText("Numéro de port associé : 21200")).toBeVisible();
    const first = page.getByRole("region", { name: "Planning Année en cours" });
    await expect(first.getByLabel("Nom du planning :")).toHaveValue("Année en cours");
    await expect(first.getByLabel("Nom de domaine associé :")).toHaveValue(planningLabels[0]);
    await expect(first.getByText("Numéro de port associé : 21201")).toBeVisible();
    const second = page.getByRole("region", { name: "Planning planning02" });
    await expect(second.getByLabel("Nom de domaine associé :")).toHaveValue(planningLabels[1]);
    await expect(second.getByText("Numéro de port associé : 21202")).toBeVisible();
    await expect(page.getByText("☑").first()).toBeVisible();
  });

  await test.step("Fiche 4 — Création du premier superadministrateur", async () => {
    await page.getByRole("link", { name: "Contrôleur" }).click();
    await expect(page.getByRole("heading", { name: "Création du premier superadministrateur" })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await page.getByLabel("Prénom : *").fill("Pierre");
    await page.getByLabel("Nom : *", { exact: true }).fill("Martin");
    await page.getByLabel("Identifiant de connexion : *").fill("pmartin");
    const rule = (id: string) => page.locator(`[data-rule="${id}"]`);
    const password = page.getByLabel("Mot de passe : *", { exact: true });
    for (const id of ["length", "letter", "digit", "special", "case"]) await expect(rule(id)).toHaveAttribute("data-ok", "false");
    await password.fill("motdepasse");
    await expect(rule("letter")).toHaveAttribute("data-ok", "true");
    await expect(rule("length")).toHaveAttribute("data-ok", "false");
    await password.fill("motdepasse2026");
    await expect(rule("length")).toHaveAttribute("data-ok", "true");
    await expect(rule("digit")).toHaveAttribute("data-ok", "true");
    await password.fill("Motdepasse2026!");
    for (const id of ["length", "letter", "digit", "special", "case"]) await expect(rule(id)).toHaveAttribute("data-ok", "true");
    await page.getByLabel("Confirmation du mot de passe : *").fill("Motdepasse2026?");
    await page.getByRole("button", { name: "Créer le superadministrateur" }).click();
    await expect(page.getByText("La confirmation ne correspond pas au mot de passe.")).toBeVisible();
    await page.getByLabel("Confirmation du mot de passe : *").fill("Motdepasse2026!");
    await page.getByRole("button", { name: "Créer le superadministrateur" }).click();
    const created = page.getByRole("dialog", { name: "Création du premier superadministrateur" });
    await expect(created).toContainText("Le premier superadministrateur a été créé");
    await created.getByRole("button", { name: "Ok" }).click();

    // Console access needs a valid e-mail first.
    await expect(page.getByRole("table")).toContainText("pmartin");
    const access = page.getByRole("checkbox", { name: "Accès à la console pour pmartin" });
    await expect(access).toBeDisabled();
    await page.getByLabel("Email de pmartin").fill("pmartin@ecole");
    await page.getByLabel("Email de pmartin").press("Enter");
    await expect(page.getByText("L'adresse e-mail n'est pas valide.")).toBeVisible();
    await page.getByLabel("Email de pmartin").fill("pmartin@ecole.fr");
    await page.getByLabel("Email de pmartin").press("Enter");
    await expect(access).toBeEnabled();
    await access.check();
    await expect(access).toBeChecked();
    await expectNoAccessibilityViolations(page);

    // Administration on both plannings.
    await page.getByRole("link", { name: "Affectation dans les profils" }).click();
    for (const name of ["Année en cours", "planning02"]) {
      await page.getByRole("button", { name, exact: true }).click();
      await expect(page.getByRole("heading", { name: `${name} : Affectation des utilisateurs dans les profils` })).toBeVisible();
      await page.getByRole("button", { name: "+ Administration" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("checkbox", { name: /pmartin/ }).check();
      await dialog.getByRole("button", { name: "Valider" }).click();
      await expect(page.getByRole("list", { name: "Profil Administration" })).toContainText("MARTIN Pierre");
    }
    await expectNoAccessibilityViolations(page);
  });

  await test.step("Fiche 5 — Activation du contrôleur", async () => {
    await page.getByRole("button", { name: "Activer le contrôleur" }).click();
    await expect(page.getByText("Contrôleur en service")).toBeVisible();
    await expect(page.getByRole("button", { name: "Désactiver le contrôleur" })).toBeVisible();
  });

  let provisional = "";
  await test.step("Fiche 8 — Création des autres utilisateurs", async () => {
    await page.getByRole("link", { name: "Liste des utilisateurs" }).click();
    await page.getByRole("button", { name: "+ Nouveau" }).click();
    await page.getByLabel("Id. connexion du nouvel utilisateur").fill("afilaire");
    await page.getByLabel("Id. connexion du nouvel utilisateur").press("Enter");
    await page.getByLabel("Nom du nouvel utilisateur", { exact: true }).fill("Filaire");
    await page.getByLabel("Nom du nouvel utilisateur", { exact: true }).press("Enter");
    await page.getByLabel("Prénom du nouvel utilisateur").fill("Alain");
    await page.getByLabel("Prénom du nouvel utilisateur").press("Enter");
    provisional = (await page.getByTestId("provisional").textContent()) ?? "";
    expect(provisional).toMatch(/^\S{10}$/);
    await expect(page.getByRole("button", { name: "Statut de afilaire : Utilisateur. Modifier" })).toBeVisible();
    await page.getByLabel("Email de afilaire").fill("afilaire@ecole.fr");
    await page.getByLabel("Email de afilaire").press("Enter");

    await page.getByRole("link", { name: "Affectation dans les profils" }).click();
    await page.getByRole("button", { name: "+ Administration" }).click();
    await expect(page.getByRole("dialog").getByRole("checkbox", { name: /afilaire/ })).toHaveCount(0);
    await page.getByRole("dialog").getByRole("button", { name: "Annuler" }).click();
    for (const name of ["Année en cours", "planning02"]) {
      await page.getByRole("button", { name, exact: true }).click();
      await page.getByRole("button", { name: "+ Consultation" }).click();
      await page.getByRole("dialog").getByRole("checkbox", { name: /afilaire/ }).check();
      await page.getByRole("dialog").getByRole("button", { name: "Valider" }).click();
      await expect(page.getByRole("list", { name: "Profil Consultation" })).toContainText("FILAIRE Alain");
    }
  });

  await test.step("Fiche 7 — L'utilisateur se connecte, personnalise son mot de passe et définit un code PIN", async () => {
    const context = await browser.newContext();
    const user = await context.newPage();
    const controllerAddress = `${controllerLabel}.pronote-campus.net`;
    const signInAsUser = async (password: string) => {
      await user.goto("/connexion");
      await user.getByRole("radio", { name: /utilisateur du contrôleur/ }).check();
      await user.getByLabel("Adresse IP ou nom de domaine").fill(controllerAddress);
      await user.getByLabel("Identifiant de connexion :").fill("afilaire");
      await user.getByLabel("Mot de passe :").fill(password);
      await user.getByRole("button", { name: "Valider" }).click();
    };
    await signInAsUser(provisional);
    await expect(user.getByRole("heading", { name: "Personnalisation du mot de passe" })).toBeVisible();
    await expectNoAccessibilityViolations(user);
    await user.getByLabel("Nouveau mot de passe").fill("Filaire-Alain-2026");
    await user.getByLabel("Confirmation du mot de passe").fill("Filaire-Alain-2026");
    await user.getByRole("button", { name: "Valider" }).click();

    await expect(user.getByRole("heading", { name: "Renforcer la sécurité de mon compte" })).toBeVisible();
    await user.getByRole("radio", { name: "Définir un code PIN" }).check();
    const keypad = user.getByRole("group", { name: "Pavé numérique" });
    for (const digit of "1234") await keypad.getByRole("button", { name: digit, exact: true }).click();
    await user.getByRole("button", { name: "Valider" }).click();
    await expect(user.getByLabel("Confirmez votre code PIN")).toBeVisible();
    for (const digit of "1234") await keypad.getByRole("button", { name: digit, exact: true }).click();
    await user.getByRole("button", { name: "Valider" }).click();
    await expect(user.getByText(/trop facile à deviner/)).toBeVisible();
    await expect(user.getByRole("textbox", { name: "Code PIN" })).toHaveValue("");
    for (const digit of "7405") await keypad.getByRole("button", { name: digit, exact: true }).click();
    await expectNoAccessibilityViolations(user);
    await user.getByRole("button", { name: "Valider" }).click();
    for (const digit of "7405") await keypad.getByRole("button", { name: digit, exact: true }).click();
    await user.getByRole("button", { name: "Valider" }).click();

    await expect(user.getByRole("heading", { name: "Enregistrement de l'appareil" })).toBeVisible();
    await expect(user.getByRole("checkbox", { name: /J'ajoute cet appareil à la liste de mes appareils "reconnus" sous le nom/ })).toBeChecked();
    await user.getByLabel("Nom de l'appareil").fill("Bureau");
    await user.getByRole("button", { name: "Suivant" }).click();

    await expect(user.getByRole("heading", { name: "Plannings de FILAIRE Alain" })).toBeVisible();
    await expect(user.getByRole("cell", { name: "Année en cours" })).toBeVisible();
    await expect(user.getByRole("cell", { name: "planning02" })).toBeVisible();
    await expect(user.getByRole("cell", { name: "pmartin" }).first()).toBeVisible();
    await expect(user.getByRole("link", { name: "Accéder à la console" })).toHaveCount(0);
    await expectNoAccessibilityViolations(user);

    // Mes préférences > Sécurité > Sécurisation de mon compte: the device is listed.
    await user.getByRole("link", { name: "Mes préférences" }).click();
    await expect(user.getByRole("heading", { name: "Sécurisation de mon compte" })).toBeVisible();
    await expect(user.getByRole("cell", { name: "Bureau", exact: true })).toBeVisible();
    await expect(user.getByRole("radio", { name: "Définir un code PIN" })).toBeChecked();
    await expectNoAccessibilityViolations(user);
    await user.getByRole("link", { name: "Plannings de FILAIRE Alain" }).click();

    // The provisional password died with the personalization.
    await user.getByRole("button", { name: "Déconnexion" }).click();
    await expect(user).toHaveURL(/\/connexion$/);
    await signInAsUser(provisional);
    await expect(user.getByText("Identifiant ou mot de passe incorrect.")).toBeVisible();
    // The recognised device ("Bureau") goes straight to the plannings.
    await signInAsUser("Filaire-Alain-2026");
    await expect(user.getByRole("heading", { name: "Plannings de FILAIRE Alain" })).toBeVisible();
    await context.close();

    const elsewhere = await browser.newContext();
    const other = await elsewhere.newPage();
    await other.goto(`/espace/connexion?controleur=${controllerAddress}`);
    await other.getByLabel("Identifiant de connexion :").fill("afilaire");
    await other.getByLabel("Mot de passe :").fill("Filaire-Alain-2026");
    await other.getByRole("button", { name: "Valider" }).click();
    await expect(other.getByRole("heading", { name: "Code PIN" })).toBeVisible();
    await other.getByRole("textbox", { name: "Code PIN" }).fill("0000");
    await other.getByRole("button", { name: "Valider" }).click();
    await expect(other.getByText("Code PIN incorrect. Il vous reste 9 essais.")).toBeVisible();
    await other.getByRole("textbox", { name: "Code PIN" }).fill("7405");
    await other.getByRole("button", { name: "Valider" }).click();
    await expect(other.getByRole("heading", { name: "Enregistrement de l'appareil" })).toBeVisible();
    // The page the lock e-mail links to.
    await other.goto(`/espace/deverrouiller?controleur=${controllerAddress}`);
    await expect(other.getByLabel("Adresse IP ou nom de domaine")).toHaveValue(controllerAddress);
    await expectNoAccessibilityViolations(other);
    await elsewhere.close();
  });

  await test.step("Le superadministrateur avec accès à la console y parvient par sa propre connexion", async () => {
    const context = await browser.newContext();
    const admin = await context.newPage();
    await admin.goto(`/espace/connexion?controleur=${controllerLabel}.pronote-campus.net`);
    await admin.getByLabel("Identifiant de connexion :").fill("pmartin");
    await admin.getByLabel("Mot de passe :").fill("Motdepasse2026!");
    await admin.getByRole("button", { name: "Valider" }).click();
    await expect(admin.getByRole("heading", { name: "Renforcer la sécurité de mon compte" })).toBeVisible();
    await admin.getByRole("radio", { name: "Notification uniquement" }).check();
    await admin.getByRole("button", { name: "Valider" }).click();
    await admin.getByLabel("Nom de l'appareil").fill("Secrétariat");
    await admin.getByRole("button", { name: "Suivant" }).click();
    await expect(admin.getByRole("heading", { name: "Plannings de MARTIN Pierre" })).toBeVisible();
    await admin.getByRole("link", { name: "Accéder à la console" }).click();
    await expect(admin.getByRole("heading", { name: "Contrôleur", level: 1 })).toBeVisible();
    const nav = admin.getByRole("navigation", { name: "Volets de la console" });
    await expect(nav.getByRole("link", { name: "Contrôleur" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Configuration" })).toHaveCount(0);
    await admin.getByRole("link", { name: "Sécurité" }).click();
    await expect(admin.getByRole("checkbox", { name: "Définir un code PIN" })).toBeChecked();
    await expectNoAccessibilityViolations(admin);

    await admin.getByRole("link", { name: "Licences" }).click();
    await expect(admin.getByText("Connexions administratives simultanées")).toBeVisible();
    await expect(admin.getByText("Il reste 2 licences disponibles")).toBeVisible();
    await expectNoAccessibilityViolations(admin);

    await admin.getByRole("link", { name: "Déléguer l'authentification" }).click();
    const ldap = admin.getByRole("form", { name: "LDAP" });
    await ldap.getByRole("checkbox", { name: "Activer l'authentification LDAP" }).check();
    await ldap.getByLabel("Adresse du serveur LDAP").fill("annuaire.ecole.fr");
    await ldap.getByLabel("DN de base").fill("dc=ecole,dc=fr");
    await ldap.getByLabel("Attribut de l'identifiant").fill("uid");
    await ldap.getByRole("button", { name: "Enregistrer les paramètres LDAP" }).click();
    await expect(ldap.getByText("L'adresse du serveur LDAP s'écrit ldap://serveur:389 ou ldaps://serveur:636.")).toBeVisible();
    await ldap.getByLabel("Adresse du serveur LDAP").fill("ldaps://annuaire.ecole.fr:636");
    await ldap.getByRole("button", { name: "Enregistrer les paramètres LDAP" }).click();
    await expect(ldap.getByText("Enregistré.")).toBeVisible();
    await expectNoAccessibilityViolations(admin);
    await admin.reload();
    await expect(admin.getByRole("form", { name: "LDAP" }).getByLabel("Adresse du serveur LDAP")).toHaveValue("ldaps://annuaire.ecole.fr:636");
    await context.close();
  });

  await test.step("Fiche 11 — Mon compte : certificat installé, journal", async () => {
    await page.getByRole("link", { name: "Mon compte" }).click();
    await expect(page.getByRole("heading", { name: "Mon compte" })).toBeVisible();
    await expect(page.getByText("(ce navigateur)")).toBeVisible();
    await expect(page.getByText(`https://${planningLabels[0]}.pronote-campus.net/`)).toBeVisible();
    await expect(page.getByRole("cell", { name: "Nom de domaine du contrôleur" })).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });

  await test.step("Un second navigateur, sans certificat, redemande le numéro de facture", async () => {
    const other = await browser.newContext();
    const second = await other.newPage();
    await typeCredentials(second, credentials);
    await expect(second.getByRole("heading", { name: "Installation du certificat" })).toBeVisible();
    await expect(second.getByLabel("Numéro de facture")).toBeVisible();
    await other.close();
  });
});
