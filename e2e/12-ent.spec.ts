import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { CAS_DIR, CAS_URL, startCasServer } from "../scripts/cas-server.mjs";
import { CAS_USERS } from "../tests/support/cas-users.mjs";
import { SAML_IDP_METADATA, SAML_IDP_URL, startSamlIdp } from "../scripts/saml-idp.mjs";
import { SAML_USERS } from "../tests/support/saml-users.mjs";
import { seedAccount, signInThroughApi } from "./seed";
import { choosePinAndDevice, expectNoAccessibilityViolations, typeNewUser } from "./support";

// The school's CAS server and the ENT's: Debian's django-cas-server on loopback (scripts/cas-server.mjs).
test.beforeAll(() => startCasServer());
// The ENT's SAML identity provider: Debian's simplesamlphp on loopback (scripts/saml-idp.mjs).
test.beforeAll(() => startSamlIdp());

/** The CAS server's own login page, as the user sees it; its certificate is the test CA's. */
async function casLogin(page: Page, user: string) {
  await expect(page).toHaveURL(new RegExp(`^${CAS_URL.replace(/[.]/g, "\\.")}/login\\?service=`));
  await page.locator("#id_username").fill(user);
  await page.locator("#id_password").fill(CAS_USERS[user].password);
  await page.getByRole("button", { name: "Connexion" }).click();
}

const ca = () => readFileSync(`${CAS_DIR}/ca.pem`, "utf8");

/** Liste des utilisateurs: a new user, then his "Identifiant CAS" (his ENT identity), saved with Enter. */
async function newUserWithCasId(page: Page, user: { loginId: string; lastName: string; firstName: string }, casId: string) {
  await page.getByRole("link", { name: "Liste des utilisateurs" }).click();
  await page.getByRole("button", { name: "+ Nouveau" }).click();
  await typeNewUser(page, user);
  await expect(page.getByRole("button", { name: `Statut de ${user.loginId} : Utilisateur. Modifier` })).toBeVisible();
  await page.getByRole("button", { name: "Afficher les identifiants délégués (LDAP, CAS, WsFed)" }).click();
  const field = page.getByRole("textbox", { name: `Identifiant CAS de ${user.loginId}` });
  await field.fill(casId);
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/controleur"));
  await field.press("Enter");
  await saved;
}

test("Déléguer l'authentification : un utilisateur du contrôleur se connecte par le serveur CAS de l'établissement", async ({
  page,
  browser,
}) => {
  const account = await seedAccount("controller");
  await signInThroughApi(page, account);
  await page.goto("/controleur");
  await page.getByRole("link", { name: "Déléguer l'authentification" }).click();
  const cas = page.getByRole("form", { name: "CAS" });
  await cas.getByRole("checkbox", { name: "Activer l'authentification CAS" }).check();
  await cas.getByLabel("Adresse du serveur CAS").fill("http://cas.ecole.test/cas");
  await cas.getByLabel("Certificat de l'autorité du serveur CAS (PEM, facultatif)").fill(ca());
  await cas.getByRole("button", { name: "Enregistrer les paramètres CAS" }).click();
  await expect(cas.getByText("L'adresse du serveur CAS doit être une adresse https:// complète.")).toBeVisible();
  await cas.getByLabel("Adresse du serveur CAS").fill(CAS_URL);
  await cas.getByRole("button", { name: "Enregistrer les paramètres CAS" }).click();
  await expect(cas.getByText("Enregistré.")).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await newUserWithCasId(page, { loginId: "claire", lastName: "Agent", firstName: "Claire" }, "cas.agent");

  // In a browser of her own (which trusts the school's CAS server, as hers would).
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const user = await context.newPage();
  await user.goto("/connexion");
  await user.getByRole("radio", { name: /utilisateur du contrôleur/ }).check();
  await user.getByLabel("Adresse IP ou nom de domaine").fill(`${account.labels.controller}.pronote-campus.net`);
  await user.getByRole("button", { name: "Se connecter" }).click();
  await user.getByRole("link", { name: "Se connecter avec le CAS" }).click();
  await casLogin(user, "cas.agent");
  // Back at the console: her password is the CAS server's, the console's own steps follow.
  await choosePinAndDevice(user, "3816");
  await expect(user.getByRole("heading", { name: "Plannings de AGENT Claire" })).toBeVisible();
  await context.close();

  await page.goto("/compte");
  await expect(page.getByRole("row", { name: /claire Connexion d'un utilisateur serveur CAS/ }).first()).toBeVisible();
});

test("Intégration dans un ENT : un élève se connecte à son Espace par le CAS de l'ENT, et son courrier n'a pas de mot de passe", async ({
  page,
  browser,
}) => {
  const account = await seedAccount("pupils", { open: true });
  await signInThroughApi(page, account);
  await page.goto("/plannings?onglet=net");
  const ent = page.getByRole("form", { name: "Intégration dans un ENT" });
  await expect(ent.getByText("cliquez d'abord sur « Arrêter la publication »")).toBeVisible();
  await page.getByRole("button", { name: "Arrêter la publication" }).click();
  await expect(page.getByRole("button", { name: "Publier" })).toBeVisible();
  await ent.getByRole("checkbox", { name: "Activer l'interconnexion avec l'ENT" }).check();
  await ent.getByLabel("Mon ENT").selectOption({ label: "ENT ODE / Edifice (NEO, ONE, Monlycée.net…)" });
  // ODE's parameters come filled in: CAS 2.0, matched by identity.
  await expect(ent.getByLabel("Version du protocole CAS")).toHaveValue("2.0");
  await expect(ent.getByRole("radio", { name: /Par l'identité/ })).toBeChecked();
  await ent.getByLabel("URL du serveur CAS").fill(CAS_URL);
  await ent.getByLabel("Certificat de l'autorité du serveur CAS (PEM, facultatif)").fill(ca());
  await ent.getByRole("button", { name: "Enregistrer l'intégration dans un ENT" }).click();
  await expect(ent.getByText("Enregistré.")).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.getByRole("button", { name: "Publier" }).click();
  await expect(page.getByRole("button", { name: "Arrêter la publication" })).toBeVisible();
  const address = `https://${account.labels.plannings[0]}.pronote-campus.net/`;

  // The pupil, at his Espace's address, in a browser of his own.
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const pupil = await context.newPage();
  await pupil.goto(`/espace/mobile?adresse=${encodeURIComponent(address)}`);
  await pupil.getByRole("link", { name: "Se connecter avec l'ENT" }).click();
  await casLogin(pupil, "ent.zoe");
  await expect(pupil.getByRole("status")).toHaveText("Vous êtes connecté(e) à l'Espace Élèves : Élève007 Zoé.");
  await context.close();

  // His letter, and his classmates': the ENT gives out the identifiers.
  await page.goto("/communication?onglet=destinataires");
  await page.getByRole("navigation", { name: "Populations" }).getByRole("link", { name: "Élèves" }).click();
  await expect(page.getByRole("row", { name: /Élève007 Zoé .* Par l'ENT/ })).toBeVisible();
  // A click before the page has hydrated would be lost: the newcomer clicks again.
  const dialog = page.getByRole("dialog", { name: "Envoi de courrier et document" });
  await expect(async () => {
    await page.getByRole("button", { name: /Envoyer un courrier/ }).click();
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(
    dialog.getByText("30 destinataire(s) se connectent par l'ENT : leur courrier ne porte ni mot de passe ni QR code"),
  ).toBeVisible();
});

test("Déléguer l'authentification : un utilisateur du contrôleur se connecte par le fournisseur d'identité SAML de l'ENT", async ({
  page,
  browser,
}) => {
  const account = await seedAccount("controller");
  await signInThroughApi(page, account);
  await page.goto("/controleur");
  await page.getByRole("link", { name: "Déléguer l'authentification" }).click();
  const saml = page.getByRole("form", { name: "SAML / ENT" });
  await saml.getByRole("checkbox", { name: "Activer l'authentification SAML / ENT" }).check();
  const metadata = saml.getByLabel("Métadonnées du fournisseur d'identité (ENT) : XML ou adresse https://");
  await metadata.fill("<pas-des-metadonnees/>");
  await saml.getByRole("button", { name: "Enregistrer les paramètres SAML / ENT" }).click();
  await expect(saml.getByText(/Les métadonnées du fournisseur d'identité ne conviennent pas/)).toBeVisible();
  // The ENT's administrator gave its metadata: pasted as they are.
  await metadata.fill(await (await fetch(SAML_IDP_METADATA)).text());
  await saml.getByLabel("Attribut portant l'Identifiant CAS (facultatif, sinon le NameID)").fill("uid");
  await saml.getByRole("button", { name: "Enregistrer les paramètres SAML / ENT" }).click();
  await expect(saml.getByText("Enregistré.")).toBeVisible();
  await expect(saml.getByText(`Fournisseur d'identité enregistré : ${SAML_IDP_METADATA}.`)).toBeVisible();

  await newUserWithCasId(page, { loginId: "marc", lastName: "Agent", firstName: "Marc" }, "saml.agent");

  const context = await browser.newContext();
  const user = await context.newPage();
  await user.goto("/connexion");
  await user.getByRole("radio", { name: /utilisateur du contrôleur/ }).check();
  await user.getByLabel("Adresse IP ou nom de domaine").fill(`${account.labels.controller}.pronote-campus.net`);
  await user.getByRole("button", { name: "Se connecter" }).click();
  await user.getByRole("link", { name: "Se connecter par l'ENT (SAML)" }).click();
  // The IdP's own login page; it posts its signed response back to the console.
  await expect(user).toHaveURL(new RegExp(`^${SAML_IDP_URL.replace(/[.]/g, "\\.")}/`));
  await user.locator("#username").fill("saml.agent");
  await user.locator("#password").fill(SAML_USERS["saml.agent"].password);
  await user.locator("#password").press("Enter");
  // His password is the IdP's: the console's own steps follow.
  await choosePinAndDevice(user, "5927");
  await expect(user.getByRole("heading", { name: "Plannings de AGENT Marc" })).toBeVisible();
  await context.close();

  await page.goto("/compte");
  await expect(page.getByRole("row", { name: /marc Connexion d'un utilisateur fournisseur d'identité SAML/ }).first()).toBeVisible();
});
