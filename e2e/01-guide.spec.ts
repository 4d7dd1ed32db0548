import { createDecipheriv, createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import {
  associateDomain,
  confirmFirstSuperadmin,
  createBase,
  download,
  expectNoAccessibilityViolations,
  finishSendingAccount,
  mailMatching,
  provisionAccount,
  readPdfPage,
  typeCredentials,
  typeNewUser,
  type Credentials,
} from "./support";

test("Le guide, Fiche après Fiche : des identifiants reçus aux utilisateurs du contrôleur", async ({ page, browser }) => {
  test.setTimeout(300_000);
  let credentials: Credentials;
  let n: number;
  let email: string;

  await test.step("Fiche 1 — Réception des informations hébergement", async () => {
    ({ credentials, n, email } = provisionAccount("PRONOTE_CAMPUS"));
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
    await expect(page.getByRole("status").filter({ hasText: "Le certificat est installé" })).toBeFocused();
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

    // A name already held is refused beside the field, before "Confirmez-vous … ?".
    const firstPlanning = page.getByRole("region", { name: "Planning planning01" });
    await firstPlanning.getByLabel("Nom de domaine associé :").fill(controllerLabel);
    await firstPlanning.getByRole("button", { name: "Associer" }).click();
    await expect(
      firstPlanning.getByText(
        `Le nom de domaine ${controllerLabel}.pronote-campus.net est déjà associé à un autre élément de votre compte.`,
      ),
    ).toBeVisible();
    await expect(page.getByRole("dialog")).toBeHidden();

    // Rename the first planning, confirmed by Ok.
    const first = page.getByRole("region", { name: "Planning planning01" });
    await first.getByLabel("Nom du planning :").fill("Année en cours");
    await first.getByRole("button", { name: "Renommer" }).click();
    const renamed = page.getByRole("dialog", { name: "Modification du nom du planning" });
    await expect(renamed).toContainText("Le planning s'appelle désormais Année en cours.");
    await renamed.getByRole("button", { name: "Ok" }).click();
    await expect(page.getByRole("region", { name: "Planning Année en cours" }).getByRole("button", { name: "Renommer" })).toBeFocused();

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
    await expect(page.getByTestId("next-step")).toHaveText("Prochaine étape : Fiche n°4 Création du premier superadministrateur");
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
    await page.getByRole("navigation", { name: "Volets de la console" }).getByRole("link", { name: "Contrôleur" }).click();
    await expect(page.getByRole("heading", { name: "Création du premier superadministrateur" })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    // Activating too soon names the missing step; the message goes once the step is done (below).
    await page.getByRole("button", { name: "Activer le contrôleur" }).click();
    const tooSoon = page.getByText(/créez d'abord le premier superadministrateur/);
    await expect(tooSoon).toBeVisible();
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
    await confirmFirstSuperadmin(page);
    await expect(tooSoon).toHaveCount(0);

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

  let baseFile = "";
  await test.step("Fiche 6 — Création et mise en service de la base", async () => {
    await page.getByRole("navigation", { name: "Volets de la console" }).getByRole("link", { name: "Mes plannings" }).click();
    await expect(page.getByRole("heading", { name: "Administration du planning Année en cours" })).toBeVisible();
    await expect(page.getByRole("link", { name: "PRONOTE Campus serveur" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByText("Base en cours : Aucune base chargée")).toBeVisible();
    await expect(page.getByLabel("Nom de publication")).toHaveValue("Année en cours");
    await expect(page.getByRole("button", { name: "Transférer la base" })).toBeDisabled();
    await expectNoAccessibilityViolations(page);

    const dialog = await createBase(page, "Base 2026");
    await expect(dialog.getByLabel("Premier lundi")).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
    await expect(dialog.getByLabel("Premier lundi").locator("option").first()).toHaveText(/^lun\. /);
    await expect(dialog.getByLabel("Dernier dimanche").locator("option")).toHaveCount(62);
    await expect(dialog.getByLabel("Dernier dimanche").locator("option").last()).toHaveText(/^dim\. .*\(62 semaines\)$/);
    // Monday to Friday; Saturday goes on and off with a click.
    for (const day of ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]) {
      await expect(dialog.getByRole("button", { name: day })).toHaveAttribute("aria-pressed", "true");
    }
    await dialog.getByRole("button", { name: "samedi" }).click();
    await expect(dialog.getByRole("button", { name: "samedi" })).toHaveAttribute("aria-pressed", "true");
    await dialog.getByRole("button", { name: "samedi" }).click();
    await expect(dialog.getByRole("button", { name: "samedi" })).toHaveAttribute("aria-pressed", "false");
    await expect(dialog.getByRole("button", { name: "dimanche" })).toHaveAttribute("aria-pressed", "false");
    // A day longer than 24 hours is refused beside the field, and nothing is created.
    await dialog.getByLabel("Nombre de séquences :").fill("30");
    await expect(dialog.getByText("Durée totale d'une journée : 30h00 (plus de 24 heures)")).toBeVisible();
    await dialog.getByRole("button", { name: "Valider" }).click();
    await expect(dialog.getByText("Une journée ne peut pas dépasser 24 heures : la durée totale serait de 30h00.")).toBeVisible();
    await dialog.getByLabel("Nombre de séquences :").fill("12");
    await expect(dialog.getByText("Durée totale d'une journée : 12h00")).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await dialog.getByRole("button", { name: "Valider" }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByText("Base en cours : Base 2026")).toBeVisible();
    await expect(page.getByText("En service", { exact: true })).toBeVisible();
    await expect(page.getByText(/^Dernière saisie le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)).toBeVisible();
    await expect(page.getByText("0 matières")).toBeVisible();
    await expect(page.getByText(/12 séquences de 01h00 .* pas horaire de 00h30/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Arrêter le serveur" })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await page.getByRole("link", { name: "PRONOTE Campus.net" }).click();
    await expect(page.getByText("Publié", { exact: true })).toBeVisible();
    await expect(page.getByLabel("URL publique d'accès au .net")).toHaveValue(`https://${planningLabels[0]}.pronote-campus.net/`);
    await expectNoAccessibilityViolations(page);
    await expect(page.getByTestId("next-step")).toHaveText("Prochaine étape : Fiche n°7 Téléchargement et connexion au Client");

    await page.getByRole("link", { name: "PRONOTE Campus serveur" }).click();
    const file = await download(page, page.getByRole("link", { name: "Transférer la base" }));
    expect(file.name).toMatch(/^Ann.*Base_2026-v\d{4}\.base$/);
    expect(file.bytes.subarray(0, 26).toString()).toBe("CONSOLE-HEBERGEMENT-BASE/1");
    baseFile = file.path;
  });

  await test.step("Fiche 6 — La base transférée est chargée dans planning02, arrêté", async () => {
    await page
      .getByRole("navigation", { name: "Plannings" })
      .getByRole("link", { name: /^planning02/ })
      .click();
    await expect(page.getByRole("heading", { name: "Administration du planning planning02" })).toBeVisible();
    const dialog = await createBase(page, "Préparation");
    await dialog.getByRole("button", { name: "Valider" }).click();
    await expect(page.getByText("Base en cours : Préparation")).toBeVisible();
    await page.getByRole("button", { name: "Arrêter le serveur" }).click();
    await expect(page.getByText("Arrêté", { exact: true })).toBeVisible();

    await page.getByRole("button", { name: "Charger une base" }).click();
    const load = page.getByRole("dialog", { name: "Charger une base" });
    const truncated = `${baseFile}-tronquee.base`;
    writeFileSync(truncated, readFileSync(baseFile).subarray(0, 200));
    await load.getByLabel("Fichier de la base").setInputFiles(truncated);
    await load.getByRole("button", { name: "Charger" }).click();
    await expect(load.getByText(/^Le fichier est incomplet : il a été tronqué/)).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await load.getByLabel("Fichier de la base").setInputFiles(baseFile);
    await load.getByRole("button", { name: "Charger" }).click();
    await expect(load).toBeHidden();
    await expect(page.getByText("Base en cours : Base 2026")).toBeVisible();
    await expect(page.getByText("La base « Base 2026 » a été chargée dans planning02.")).toBeVisible();
    await page.getByRole("button", { name: "Mettre en service" }).click();
    await expect(page.getByText("En service", { exact: true })).toBeVisible();
  });

  let usersLink = "";
  await test.step("Fiche 7 — Télécharger le client : les paramètres de connexion", async () => {
    await page.getByRole("navigation", { name: "Volets de la console" }).getByRole("link", { name: "Télécharger le client" }).click();
    await expect(page.getByRole("heading", { name: "Installer ou diffuser le client PRONOTE Campus" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Installez le Client PRONOTE Campus" })).toBeVisible();
    await expect(page.getByText("Votre poste doit fonctionner a minima sous Windows 10.")).toBeVisible();
    await expectNoAccessibilityViolations(page);
    const file = await download(page, page.getByRole("link", { name: "Appliquez les paramètres de connexion" }));
    expect(file.name).toBe("ParamClient.ini");
    const text = file.bytes.toString("utf8");
    expect(text).toContain(`\r\nAdresse=${controllerLabel}.pronote-campus.net\r\n`);
    expect(text).toContain("\r\nPortTCP=21200\r\n");
    expect(text).toContain(`\r\nCompteHebergement=${credentials.hostingNumber}\r\n`);
    // The link (and QR code) the administrator gives users: the controller's coordinates in it.
    const share = page.getByRole("region", { name: "Diffuser la connexion au contrôleur" });
    await expect(share.getByRole("img", { name: "QR code du lien de connexion des utilisateurs" })).toBeVisible();
    usersLink = (await share.getByRole("link", { name: /\/espace\/connexion\?/ }).getAttribute("href")) ?? "";
    expect(usersLink).toBe(`http://localhost:3100/espace/connexion?controleur=${controllerLabel}.pronote-campus.net&port=21200`);
    await page.reload();
    await expect(page.getByTestId("next-step")).toHaveText("Prochaine étape : Fiche n°8 Création des autres utilisateurs");
  });

  let provisional = "";
  await test.step("Fiche 8 — Création des autres utilisateurs", async () => {
    await page.getByRole("navigation", { name: "Volets de la console" }).getByRole("link", { name: "Contrôleur" }).click();
    await page.getByRole("link", { name: "Liste des utilisateurs" }).click();
    // "+ Nouveau" then "Annuler": what was typed is dropped, the focus is back on "+ Nouveau".
    await page.getByRole("button", { name: "+ Nouveau" }).click();
    await page.getByLabel("Id. connexion du nouvel utilisateur").fill("zlefevre");
    await page.getByLabel("Nom du nouvel utilisateur", { exact: true }).fill("Lefèvre");
    await page.getByRole("button", { name: "Annuler" }).click();
    await expect(page.getByRole("button", { name: "+ Nouveau" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByLabel("Id. connexion du nouvel utilisateur")).toHaveValue("");
    await expect(page.getByLabel("Nom du nouvel utilisateur", { exact: true })).toHaveValue("");
    await typeNewUser(page, { loginId: "afilaire", lastName: "Filaire", firstName: "Alain" });
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
      await page
        .getByRole("dialog")
        .getByRole("checkbox", { name: /afilaire/ })
        .check();
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
      await user.getByRole("button", { name: "Se connecter" }).click();
      await user.getByLabel("Identifiant de connexion :").fill("afilaire");
      await user.getByLabel("Mot de passe :").fill(password);
      await user.getByRole("button", { name: "Valider" }).click();
    };
    // Fiche 7 steps 2 and 3, from the link the administrator shared, in a browser that never saw the console.
    await user.goto(usersLink);
    await expect(user.getByRole("heading", { name: "Connexion au contrôleur", level: 1 })).toBeVisible();
    await expect(user.getByLabel("Adresse IP ou nom de domaine")).toHaveValue(controllerAddress);
    await expect(user.getByLabel("Port TCP")).toHaveValue("21200");
    await expectNoAccessibilityViolations(user);
    await user.getByLabel("Port TCP").fill("21201");
    await user.getByRole("button", { name: "Se connecter" }).click();
    await expect(user.getByText(/n'écoute pas sur ce port TCP/)).toBeVisible();
    await expect(user.getByLabel("Identifiant de connexion :")).toHaveCount(0);
    await user.getByLabel("Port TCP").fill("21200");
    await user.getByRole("button", { name: "Se connecter" }).click();
    await expect(user.getByRole("status").filter({ hasText: "Connecté au contrôleur" })).toContainText(`${controllerAddress} : 21200`);
    await expect(user.getByLabel("Identifiant de connexion :")).toBeFocused();
    await user.getByLabel("Identifiant de connexion :").fill("afilaire");
    await user.getByLabel("Mot de passe :").fill(provisional);
    await user.getByRole("button", { name: "Valider" }).click();
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
    await expect(
      user.getByRole("checkbox", { name: /J'ajoute cet appareil à la liste de mes appareils "reconnus" sous le nom/ }),
    ).toBeChecked();
    await user.getByLabel("Nom de l'appareil").fill("Bureau");
    await user.getByRole("button", { name: "Suivant" }).click();

    await expect(user.getByRole("heading", { name: "Plannings de FILAIRE Alain" })).toBeVisible();
    // "Tous les plannings mis en service sont listés": both are, by now.
    await expect(user.getByRole("cell", { name: "Année en cours", exact: true })).toBeVisible();
    await expect(user.getByRole("cell", { name: "planning02", exact: true })).toBeVisible();
    await expect(user.getByText(/donc non listé/)).toHaveCount(0);
    // A double click on a planning opens the way to it, as in the Client.
    await user.getByRole("cell", { name: "Année en cours", exact: true }).dblclick();
    const connect = user.getByRole("dialog", { name: "Connexion à Année en cours" });
    await expect(connect).toContainText(`Adresse IP ou nom de domaine :${planningLabels[0]}.pronote-campus.net`);
    await expect(connect).toContainText("Port TCP :21201");
    await expectNoAccessibilityViolations(user);
    await connect.getByRole("button", { name: "Fermer" }).click();
    await expect(user.getByRole("button", { name: "Se connecter à Année en cours" })).toBeVisible();
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
    await other.getByRole("button", { name: "Se connecter" }).click();
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

  await test.step("Fiche 9 — Saisie de l'adresse d'accès aux Espaces", async () => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("navigation", { name: "Volets de la console" }).getByRole("link", { name: "Télécharger le client" }).click();
    const server = page.getByRole("region", { name: "Paramètres de connexion au serveur [Année en cours]" });
    await expect(server.getByText(`${planningLabels[0]}.pronote-campus.net`, { exact: true })).toBeVisible();
    await expect(server.getByText("21201", { exact: true })).toBeVisible();
    await server.getByRole("button", { name: "Copier l'URL publique de Année en cours" }).click();
    await expect(server.getByText("Copié")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`https://${planningLabels[0]}.pronote-campus.net/`);
    await server.getByRole("button", { name: "Copier l'adresse IP de Année en cours" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${planningLabels[0]}.pronote-campus.net`);
    await expectNoAccessibilityViolations(page);
    // Copied, not yet entered: the Fiche is not done.
    await expect(page.getByTestId("next-step")).toHaveText("Prochaine étape : Fiche n°9 Saisie de l'adresse d'accès aux Espaces");
    // "Internet > Publication des Espaces > Page commune > En-tête" is signposted in Mes plannings.
    await page
      .getByRole("complementary", { name: "Étapes du guide" })
      .getByRole("link", { name: /Fiche n°9/ })
      .click();
    await expect(page.getByRole("note").filter({ hasText: "Internet > Publication des Espaces > Page commune > En-tête" })).toBeVisible();
    const publicUrl = page.getByRole("textbox", { name: "URL publique d'accès au .net" });
    await expect(publicUrl).toBeFocused();
    await publicUrl.fill(`https://${planningLabels[0]}.pronote-campus.net/`);
    await page.locator("#url-publique").getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByText("Enregistré.")).toBeVisible();
    // Ticked at once, without a reload.
    await expect(page.getByTestId("next-step")).toHaveText("Prochaine étape : Fiche n°10 Création d'un compte e-mail");
  });

  await test.step("Fiche 10 — Création d'un compte e-mail", async () => {
    await page.getByRole("navigation", { name: "Volets de la console" }).getByRole("link", { name: "Communication" }).click();
    await expect(page.getByRole("heading", { name: "Paramétrer l'envoi d'e-mails" })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await page.getByRole("button", { name: "+ Comptes personnels" }).click();
    const wizard = page.getByRole("dialog", { name: /^Paramétrer l'envoi d'e-mails - Etape 2 : Création du compte personnel/ });
    await expect(
      wizard.getByRole("radio", { name: `Utiliser l'identité de l'utilisateur connecté (Camille Martin (${email}))` }),
    ).toBeChecked();
    await expect(wizard.getByLabel("Adresse e-mail")).toHaveValue(email);
    await expectNoAccessibilityViolations(page);
    await wizard.getByRole("button", { name: "Suivant" }).click();

    const verify = page.getByRole("dialog", { name: /Etape 3 : Vérification du code/ });
    await expect(
      verify.getByText(`Un e-mail vient d'être envoyé à l'adresse ${email}, merci de saisir ci-dessous le code reçu :`),
    ).toBeVisible();
    const [, code] = await mailMatching(email, /code dans la console d'hébergement : (\d{6})/);
    await verify.getByLabel("Code reçu").fill(code === "111111" ? "222222" : "111111");
    await verify.getByRole("button", { name: "Suivant" }).click();
    await expect(verify.getByText("Code incorrect. Il vous reste 4 essais.")).toBeVisible();
    // "Je n'ai pas reçu le code": a new one may be asked once a minute.
    await verify.getByRole("button", { name: "Je n'ai pas reçu le code" }).click();
    await expect(verify.getByText("Un code vient d'être envoyé : attendez une minute avant d'en demander un autre.")).toBeVisible();
    await finishSendingAccount(page, email);
    await page.getByRole("button", { name: "Fermer" }).click();
    await expect(page.getByText("Prêt pour l'envoi")).toBeVisible();
    await expect(page.getByTestId("next-step")).toHaveText(
      "Prochaine étape : Fiche n°11 Envoi des informations de connexion aux utilisateurs (par e-mail)",
    );
  });

  await test.step("Fiche 11 — Courriers et documents > Modèles", async () => {
    await page.getByRole("link", { name: "Courriers et documents > Modèles" }).click();
    const models = page.getByRole("navigation", { name: "Modèles" });
    await models.getByRole("button", { name: "Connexion des personnels", exact: true }).click();
    const text = page.getByLabel("Texte du modèle « Connexion des personnels »");
    await expect(text).toHaveValue(/Identifiant : \[Identifiant\]/);
    await expectNoAccessibilityViolations(page);
    await text.fill("# Bienvenue [Prénom] [Nome]\nIdentifiant : [Identifiant]");
    await expect(page.getByText("Ligne 1 : balise inconnue [Nome].")).toBeVisible();
    await expect(page.getByRole("button", { name: "Enregistrer" })).toBeDisabled();
    await text.fill("# Bienvenue [Prénom] [Nom]\nIdentifiant : [Identifiant]");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByText("Modèle enregistré.")).toBeVisible();
    await page.getByRole("button", { name: "Aperçu" }).click();
    const preview = page.getByRole("region", { name: "Aperçu du courrier" });
    await preview.getByLabel("Destinataire de l'aperçu").selectOption("pmartin");
    await expect(preview.getByText("Bienvenue Pierre MARTIN")).toBeVisible();
    await expect(preview.getByText("Identifiant : pmartin")).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await page.getByRole("button", { name: "Dupliquer la sélection" }).click();
    await expect(models.getByRole("button", { name: "Connexion des personnels (copie)" })).toBeVisible();
    await models.getByRole("button", { name: "Connexion des personnels", exact: true }).click();
    await page.getByRole("button", { name: "Restaurer l'original" }).click();
    await expect(page.getByText("Le courrier original est restauré.")).toBeVisible();
    await expect(text).toHaveValue(/Mot de passe provisoire : \[Mot de passe\]/);
  });

  let letter: { loginId: string; code: string; provisional: string; url: string; token: string };

  await test.step("Fiche 11 — Import des élèves depuis un fichier CSV", async () => {
    await page.getByRole("link", { name: "Destinataires et envois" }).click();
    await page.getByRole("navigation", { name: "Populations" }).getByRole("link", { name: "Élèves" }).click();
    await expect(page.getByRole("heading", { name: "Élèves : liste (0)" })).toBeVisible();
    const rows = Array.from({ length: 200 }, (_, i) => `Élève${String(i).padStart(3, "0")};Zoé;${i < 100 ? "6A" : "6B"}`);
    const csv = ["Nom;Prénom;Classe", ...rows, '=HYPERLINK("http://pirate");Zoé;6A'].join("\r\n");
    await page
      .getByLabel("Fichier CSV", { exact: true })
      .setInputFiles({ name: "eleves.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    await page.getByRole("button", { name: "Analyser le fichier" }).click();
    await expect(page.getByText("200 ligne(s) prête(s) à importer")).toBeVisible();
    await expect(page.getByRole("table", { name: "Lignes refusées" })).toContainText("commence comme une formule de tableur");
    await expect(page.getByLabel("Nom (*)", { exact: true })).toHaveValue("0");
    await expect(page.getByLabel("Classe", { exact: true })).toHaveValue("2");
    await expectNoAccessibilityViolations(page);
    await page.getByRole("button", { name: "Importer 200 élèves" }).click();
    await expect(page.getByText("200 élèves importé(e)s, 1 ligne(s) refusée(s).")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Élèves : liste (200)" })).toBeVisible();
    await expect(page.getByRole("row", { name: /Élève000 Zoé 6A/ })).toContainText("zoe.eleve000");
  });

  await test.step("Fiche 11 — Les courriers des élèves en PDF, avec QR code", async () => {
    await page.getByRole("button", { name: "Envoyer un courrier (200)" }).click();
    const dialog = page.getByRole("dialog", { name: "Envoi de courrier et document" });
    await dialog.getByRole("radio", { name: "PDF" }).check();
    await expect(dialog.getByLabel("Modèles destinés aux élèves")).toHaveValue(/.+/);
    await dialog.getByRole("button", { name: "Aperçu" }).click();
    const preview = dialog.getByRole("region", { name: "Aperçu du courrier" });
    await expect(preview).toContainText("Identifiant : zoe.eleve000");
    await expect(preview).toContainText("Connexion à votre Espace Élèves");
    await expect(dialog.getByRole("checkbox", { name: /Sans QR code/ })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    const file = await download(page, dialog.getByRole("button", { name: "Imprimer / Générer / Mailer" }));
    expect(file.name).toMatch(/^Connexion des élèves \d{4}-\d{2}-\d{2}\.pdf$/);
    const read = await readPdfPage(browser, file.bytes, 1);
    expect(read.pages).toBe(200);
    expect(read.qr).not.toBeNull();
    // What the Aperçu showed is what the PDF prints.
    expect(read.text).toContain("Connexion à votre Espace Élèves");
    // A letter a school posts: the establishment, the date in French, the recipient and class.
    expect(read.text).toContain(`École ${n}`);
    expect(read.text).toMatch(
      /Le (1er|\d{1,2}) (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/,
    );
    expect(read.text).toMatch(/ÉLÈVE000 Zoé|Élève000 Zoé|ELEVE000 Zoé/i);
    expect(read.text).toContain("Classe : 6A");
    const field = (label: string) => new RegExp(`${label} : (\\S+)`).exec(read.text)?.[1] ?? "";
    const code = field("Code de sécurité");
    expect(code).toMatch(/^\d{4}$/);
    // The mobile app's reading: JSON, then AES-128-CBC under MD5 of the code typed by the user.
    const payload = JSON.parse(read.qr!) as { avecPageConnexion: boolean; jeton: string; login: string; url: string };
    expect(payload.avecPageConnexion).toBe(false);
    expect(payload.url).toBe(`https://${planningLabels[0]}.pronote-campus.net/mobile.eleve.html`);
    const decrypt = (hex: string) => {
      const key = createHash("md5").update(code, "utf8").digest();
      const decipher = createDecipheriv("aes-128-cbc", key, Buffer.alloc(16));
      return Buffer.concat([decipher.update(Buffer.from(hex, "hex")), decipher.final()]).toString("utf8");
    };
    letter = {
      loginId: field("Identifiant"),
      code,
      provisional: field("Mot de passe provisoire"),
      url: payload.url,
      token: decrypt(payload.jeton),
    };
    expect(decrypt(payload.login)).toBe(letter.loginId);
    expect(letter.token).toMatch(/^[0-9A-F]{96}$/);
    await expect(page.getByText("Connexion des élèves — PDF — 200 destinataire(s)", { exact: false })).toBeVisible();
  });

  await test.step("Avec le QR code, l'élève se connecte et personnalise son mot de passe ; jeton et mot de passe provisoire meurent", async () => {
    const context = await browser.newContext();
    const app = await context.newPage();
    await app.goto("/espace/mobile");
    await expectNoAccessibilityViolations(app);
    const signInWithToken = async () => {
      await app.getByRole("radio", { name: "QR code du courrier (application mobile)" }).check();
      await app.getByLabel("Adresse de l'Espace").fill(letter.url);
      await app.getByLabel("Identifiant de connexion :").fill(letter.loginId);
      await app.getByLabel("Jeton (déchiffré avec le code de sécurité)").fill(letter.token);
      await app.getByRole("button", { name: "Valider" }).click();
    };
    await signInWithToken();
    await expect(app.getByRole("heading", { name: "Personnalisation du mot de passe" })).toBeVisible();
    await app.getByLabel("Nouveau mot de passe").fill("Rentree-2026!");
    await app.getByLabel("Confirmation du mot de passe").fill("Rentree-2026!");
    await expectNoAccessibilityViolations(app);
    await app.getByRole("button", { name: "Valider" }).click();
    await expect(app.getByText("Vous êtes connecté(e) à l'Espace Élèves : Élève000 Zoé.")).toBeVisible();

    await app.goto("/espace/mobile");
    await signInWithToken();
    await expect(app.getByText("Ce QR code n'est pas ou plus valable")).toBeVisible();
    await app.getByRole("radio", { name: "Identifiant et mot de passe" }).check();
    await app.getByLabel("Mot de passe :").fill(letter.provisional);
    await app.getByRole("button", { name: "Valider" }).click();
    await expect(app.getByText("Identifiant ou mot de passe incorrect.")).toBeVisible();
    await app.getByLabel("Mot de passe :").fill("Rentree-2026!");
    // After the failed tries above, the sign-in may ask to wait a second: the pupil tries again.
    await expect(async () => {
      await app.getByRole("button", { name: "Valider" }).click();
      await expect(app.getByText("Vous êtes connecté(e) à l'Espace Élèves : Élève000 Zoé.")).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
    await context.close();
  });

  await test.step("Fiche 11 — Envoi des informations de connexion aux personnels par e-mail", async () => {
    await page.getByRole("navigation", { name: "Populations" }).getByRole("link", { name: "Personnels" }).click();
    await page.getByRole("checkbox", { name: "Tout sélectionner" }).check();
    await page.getByRole("button", { name: "Envoyer un courrier (2)" }).click();
    const dialog = page.getByRole("dialog", { name: "Envoi de courrier et document" });
    await dialog.getByRole("radio", { name: "E-mail" }).check();
    await expect(dialog.getByRole("checkbox", { name: /\*\.pdf/ })).toBeChecked();
    await expect(dialog.getByLabel("Modèles destinés aux personnels")).toHaveValue(/.+/);
    // The staff's letters have no QR code: nothing to leave out, no warning about pupils.
    await expect(dialog.getByRole("checkbox", { name: /Sans QR code/ })).toHaveCount(0);
    await expect(dialog.getByText(/scanner le QR code/)).toHaveCount(0);
    await dialog.getByRole("button", { name: "Imprimer / Générer / Mailer" }).click();
    await expect(
      dialog.getByText("2 destinataire(s) recevront le courrier « Connexion des personnels » par e-mail, le document joint en PDF."),
    ).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await dialog.getByRole("button", { name: "Envoyer l'e-mail" }).dblclick();
    await expect(page.getByText("Terminé : 2 / 2 e-mail(s) envoyé(s)")).toBeVisible({ timeout: 20_000 });
    // afilaire chose his password (Fiche 7): his letter says so, and promises nothing provisional.
    const [staffLetter] = await mailMatching("afilaire@ecole.fr", /Identifiant : afilaire[\s\S]*Mot de passe : (.+)/);
    expect(staffLetter).toContain("Mot de passe : celui que vous avez choisi (il n'est pas imprimé).");
    expect(staffLetter).not.toContain("vous choisirez un mot de passe personnel");
    await expectNoAccessibilityViolations(page);
    // Ticked when the e-mails left, without a reload.
    await expect(page.getByTestId("next-step")).toHaveText("Toutes les étapes du guide sont faites.");
  });

  await test.step("Fiches 7 à 11 — les chemins du guide, trouvés par la recherche de l'en-tête", async () => {
    const search = page.getByRole("combobox", { name: "Rechercher une fonction du guide" });
    const paths: [string, RegExp, () => ReturnType<typeof page.getByRole>][] = [
      [
        "Installer ou diffuser le client",
        /\/client#installer-client$/,
        () => page.getByRole("link", { name: "Installez le Client PRONOTE Campus" }),
      ],
      ["ParamClient", /\/client#param-client$/, () => page.getByRole("link", { name: "Appliquez les paramètres de connexion" })],
      [
        "Connexion au contrôleur > Se connecter",
        /\/client#diffuser-connexion$/,
        () => page.getByRole("link", { name: /\/espace\/connexion\?controleur=/ }),
      ],
      [
        "Fichier > Administration des utilisateurs",
        /onglet=utilisateurs#nouvel-utilisateur$/,
        () => page.getByRole("button", { name: "+ Nouveau" }),
      ],
      ["Statut de l'utilisateur", /#statut-utilisateur$/, () => page.getByRole("button", { name: /^Statut de .+ Modifier$/ }).first()],
      [
        "Affectation dans les profils",
        /onglet=affectation#affectation-profils$/,
        () => page.getByRole("navigation", { name: "Plannings" }).getByRole("button", { name: "Année en cours" }),
      ],
      [
        "Paramètres de connexion au serveur > Adresse IP",
        /\/client#parametres-serveur$/,
        () => page.getByRole("button", { name: "Copier l'adresse IP de Année en cours" }),
      ],
      [
        "Internet > Publication des Espaces > Page commune > En-tête",
        /onglet=net#url-publique$/,
        () => page.getByRole("textbox", { name: "URL publique d'accès au .net" }),
      ],
      [
        "Configuration > Paramétrer l'envoi d'e-mails pour ce poste",
        /onglet=envoi#comptes-personnels$/,
        () => page.getByRole("button", { name: "+ Comptes personnels" }),
      ],
      [
        "Plannings > Personnels > Liste",
        /population=PERSONNELS#destinataires$/,
        () => page.getByRole("search", { name: "Filtrer les personnels" }).getByLabel("Nom, prénom ou identifiant"),
      ],
      ["Imprimer/Mailer", /#envoyer-courrier$/, () => page.getByRole("button", { name: /^Envoyer un courrier \(\d+\)$/ })],
      ["Imprimer / Générer / Mailer", /#envoyer-courrier$/, () => page.getByRole("button", { name: /^Envoyer un courrier \(\d+\)$/ })],
      [
        "Communication > Courriers et documents > Modèles",
        /onglet=modeles#modeles$/,
        () => page.getByRole("navigation", { name: "Modèles" }).getByRole("button", { name: "Connexion des personnels", exact: true }),
      ],
    ];
    for (const [words, address, control] of paths) {
      await search.fill(words);
      await expect(page.getByRole("listbox", { name: "Fonctions trouvées" }).getByRole("option").first()).toContainText("ici :");
      await search.press("Enter");
      await expect(page, words).toHaveURL(address);
      await expect(control(), words).toBeFocused();
    }
    // The guide's words are signposted where its reader looks for them.
    await page.goto("/controleur?onglet=utilisateurs");
    await expect(page.getByRole("note").filter({ hasText: "Fichier > Administration des utilisateurs" })).toContainText(
      "ici : Contrôleur > Liste des utilisateurs",
    );
    // By keyboard: the arrows choose among the results.
    await search.fill("Fiche 11");
    const options = page.getByRole("listbox", { name: "Fonctions trouvées" }).getByRole("option");
    await expect(options).toHaveCount(3);
    await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");
    await search.press("ArrowDown");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    await expect(search).toHaveAttribute("aria-activedescendant", (await options.nth(1).getAttribute("id"))!);
    await search.press("Escape");
    await expect(page.getByRole("listbox", { name: "Fonctions trouvées" })).toBeHidden();
    await search.fill("téléporteur");
    await expect(page.getByText("Aucune fonction du guide ne correspond à « téléporteur ».")).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await search.fill("");
    // Each Fiche of the checklist leads to where it is done.
    await page
      .getByRole("complementary", { name: "Étapes du guide" })
      .getByRole("link", { name: /Fiche n°9/ })
      .click();
    await expect(page.getByRole("textbox", { name: "URL publique d'accès au .net" })).toBeFocused();
  });

  await test.step("Le superadministrateur avec accès à la console y parvient par sa propre connexion", async () => {
    const context = await browser.newContext();
    const admin = await context.newPage();
    await admin.goto(usersLink);
    await admin.getByRole("button", { name: "Se connecter" }).click();
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
    await expect(nav.getByRole("link", { name: "Mes plannings" })).toBeVisible();
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
    await expect(
      ldap.getByText("L'adresse du serveur LDAP s'écrit ldaps://serveur:636 (LDAPS) ou ldap://serveur:389 (StartTLS)."),
    ).toBeVisible();
    await ldap.getByLabel("Adresse du serveur LDAP").fill("ldaps://annuaire.ecole.fr:636");
    await ldap.getByRole("button", { name: "Enregistrer les paramètres LDAP" }).click();
    await expect(
      ldap.getByText("Saisissez un modèle de DN, ou le DN du compte de liaison qui recherchera les utilisateurs."),
    ).toBeVisible();
    await ldap.getByLabel("Modèle de DN (liaison directe, facultatif)").fill("uid={identifiant},ou=people,dc=ecole,dc=fr");
    await ldap.getByRole("button", { name: "Enregistrer les paramètres LDAP" }).click();
    await expect(ldap.getByText("Enregistré.")).toBeVisible();
    await expectNoAccessibilityViolations(admin);
    await admin.reload();
    await expect(admin.getByRole("form", { name: "LDAP" }).getByLabel("Adresse du serveur LDAP")).toHaveValue(
      "ldaps://annuaire.ecole.fr:636",
    );
    await context.close();
  });

  await test.step("Fiche 11 — Mon compte : certificat installé, journal", async () => {
    await page.getByRole("link", { name: "Mon compte" }).click();
    await expect(page.getByRole("heading", { name: "Mon compte" })).toBeVisible();
    await expect(page.getByText("(ce navigateur)")).toBeVisible();
    const now = new Date();
    const version = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
    const versionSection = page.getByRole("region", { name: "Changement de version" });
    await expect(versionSection.getByText(`Version en service : PRONOTE Campus ${version}`)).toBeVisible();
    if (now.getUTCMonth() === 6 || now.getUTCMonth() === 7) {
      await versionSection.getByRole("button", { name: `Demander le passage à la préversion ${version + 1}` }).click();
      await expect(versionSection.getByText(`Passage à la préversion ${version + 1} demandé le`)).toBeVisible();
    } else {
      await expect(
        versionSection.getByText(`Le passage à la préversion ${version + 1} pourra être demandé à partir du 1er juillet ${version + 1}.`),
      ).toBeVisible();
    }
    await expect(page.getByText(`https://${planningLabels[0]}.pronote-campus.net/`, { exact: true })).toBeVisible();
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
