import { expect, test } from "@playwright/test";
import { CAS_URL, startCasServer } from "../scripts/cas-server.mjs";
import { SAML_IDP_METADATA, startSamlIdp } from "../scripts/saml-idp.mjs";
import { casCa as ca, casLogin, controllerSignIn, integrateEnt, newUserWithCasId, samlLogin, samlMetadata } from "./delegated";
import { seedAccount, signInThroughApi } from "./seed";
import { choosePinAndDevice, expectNoAccessibilityViolations } from "./support";

// The school's CAS server and the ENT's: Debian's django-cas-server on loopback (scripts/cas-server.mjs).
test.beforeAll(() => startCasServer());
// The ENT's SAML identity provider: Debian's simplesamlphp on loopback (scripts/saml-idp.mjs).
test.beforeAll(() => startSamlIdp());

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
  await controllerSignIn(user, account);
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
  await integrateEnt(page, "ODE");
  await expectNoAccessibilityViolations(page);
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
  await metadata.fill(await samlMetadata());
  await saml.getByLabel("Attribut portant l'Identifiant CAS (facultatif, sinon le NameID)").fill("uid");
  await saml.getByRole("button", { name: "Enregistrer les paramètres SAML / ENT" }).click();
  await expect(saml.getByText("Enregistré.")).toBeVisible();
  await expect(saml.getByText(`Fournisseur d'identité enregistré : ${SAML_IDP_METADATA}.`)).toBeVisible();

  await newUserWithCasId(page, { loginId: "marc", lastName: "Agent", firstName: "Marc" }, "saml.agent");

  const context = await browser.newContext();
  const user = await context.newPage();
  await controllerSignIn(user, account);
  await user.getByRole("link", { name: "Se connecter par l'ENT (SAML)" }).click();
  await samlLogin(user, "saml.agent");
  // His password is the IdP's: the console's own steps follow.
  await choosePinAndDevice(user, "5927");
  await expect(user.getByRole("heading", { name: "Plannings de AGENT Marc" })).toBeVisible();
  await context.close();

  await page.goto("/compte");
  await expect(page.getByRole("row", { name: /marc Connexion d'un utilisateur fournisseur d'identité SAML/ }).first()).toBeVisible();
});
