import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { CAS_DIR, CAS_URL } from "../scripts/cas-server.mjs";
import { CAS_USERS } from "../tests/support/cas-users.mjs";
import { SAML_IDP_METADATA, SAML_IDP_URL } from "../scripts/saml-idp.mjs";
import { SAML_USERS } from "../tests/support/saml-users.mjs";
import type { SeededAccount } from "./seed-stages";
import { typeNewUser } from "./support";

// The steps of the delegated sign-ins' walks (e2e/12-ent, e2e/13-sign-in-state), written once.

export const casCa = () => readFileSync(`${CAS_DIR}/ca.pem`, "utf8");

/** The CAS server's own login page, as the user sees it; its certificate is the test CA's. */
export async function casLogin(page: Page, user: string) {
  await expect(page).toHaveURL(new RegExp(`^${CAS_URL.replace(/[.]/g, "\\.")}/login\\?service=`));
  await page.locator("#id_username").fill(user);
  await page.locator("#id_password").fill(CAS_USERS[user].password);
  await page.getByRole("button", { name: "Connexion" }).click();
}

/** The IdP's own login page; it posts its signed response back to the console. */
export async function samlLogin(page: Page, user: string) {
  await expect(page).toHaveURL(new RegExp(`^${SAML_IDP_URL.replace(/[.]/g, "\\.")}/`));
  await page.locator("#username").fill(user);
  await page.locator("#password").fill(SAML_USERS[user].password);
  await page.locator("#password").press("Enter");
}

export const samlMetadata = async () => (await fetch(SAML_IDP_METADATA)).text();

/** Liste des utilisateurs: a new user, then his "Identifiant CAS" (his ENT identity), saved with Enter. */
export async function newUserWithCasId(page: Page, user: { loginId: string; lastName: string; firstName: string }, casId: string) {
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

/** Contrôleur > "Déléguer l'authentification": CAS on, the school's server and its CA. */
export async function enableCas(page: Page) {
  await page.goto("/controleur");
  await page.getByRole("link", { name: "Déléguer l'authentification" }).click();
  const cas = page.getByRole("form", { name: "CAS" });
  await cas.getByRole("checkbox", { name: "Activer l'authentification CAS" }).check();
  await cas.getByLabel("Adresse du serveur CAS").fill(CAS_URL);
  await cas.getByLabel("Certificat de l'autorité du serveur CAS (PEM, facultatif)").fill(casCa());
  await cas.getByRole("button", { name: "Enregistrer les paramètres CAS" }).click();
  await expect(cas.getByText("Enregistré.")).toBeVisible();
  return cas;
}

/** Contrôleur > "Déléguer l'authentification": SAML on, the IdP's metadata pasted, the identity in `uid`. */
export async function enableSaml(page: Page) {
  await page.goto("/controleur");
  await page.getByRole("link", { name: "Déléguer l'authentification" }).click();
  const saml = page.getByRole("form", { name: "SAML / ENT" });
  await saml.getByRole("checkbox", { name: "Activer l'authentification SAML / ENT" }).check();
  await saml.getByLabel("Métadonnées du fournisseur d'identité (ENT) : XML ou adresse https://").fill(await samlMetadata());
  await saml.getByLabel("Attribut portant l'Identifiant CAS (facultatif, sinon le NameID)").fill("uid");
  await saml.getByRole("button", { name: "Enregistrer les paramètres SAML / ENT" }).click();
  await expect(saml.getByText("Enregistré.")).toBeVisible();
  return saml;
}

/** A controller user's sign-in page, his controller's coordinates typed: the delegated ways are offered. */
export async function controllerSignIn(page: Page, account: SeededAccount) {
  await page.goto("/connexion");
  await page.getByRole("radio", { name: /utilisateur du contrôleur/ }).check();
  await page.getByLabel("Adresse IP ou nom de domaine").fill(`${account.labels.controller}.pronote-campus.net`);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/**
 * Mes plannings > the .net tab > "Intégration dans un ENT": the publication stopped, "Mon ENT"
 * chosen and its server filled in (the CAS server, or the SAML IdP's metadata), published again.
 */
export async function integrateEnt(page: Page, family: "ODE" | "SAML") {
  await page.goto("/plannings?onglet=net");
  const ent = page.getByRole("form", { name: "Intégration dans un ENT" });
  await expect(ent.getByText("cliquez d'abord sur « Arrêter la publication »")).toBeVisible();
  await page.getByRole("button", { name: "Arrêter la publication" }).click();
  await expect(page.getByRole("button", { name: "Publier" })).toBeVisible();
  await ent.getByRole("checkbox", { name: "Activer l'interconnexion avec l'ENT" }).check();
  if (family === "ODE") {
    await ent.getByLabel("Mon ENT").selectOption({ label: "ENT ODE / Edifice (NEO, ONE, Monlycée.net…)" });
    // ODE's parameters come filled in: CAS 2.0, matched by identity.
    await expect(ent.getByLabel("Version du protocole CAS")).toHaveValue("2.0");
    await expect(ent.getByRole("radio", { name: /Par l'identité/ })).toBeChecked();
    await ent.getByLabel("URL du serveur CAS").fill(CAS_URL);
    await ent.getByLabel("Certificat de l'autorité du serveur CAS (PEM, facultatif)").fill(casCa());
  } else {
    await ent.getByLabel("Mon ENT").selectOption({ label: "Autre ENT (fournisseur d'identité SAML 2.0)" });
    await ent.getByLabel("Métadonnées du fournisseur d'identité de l'ENT : XML ou adresse https://").fill(await samlMetadata());
    await ent.getByLabel("Attribut portant l'identité ENT (facultatif, sinon le NameID)").fill("uid");
  }
  await ent.getByRole("button", { name: "Enregistrer l'intégration dans un ENT" }).click();
  await expect(ent.getByText("Enregistré.")).toBeVisible();
  await page.getByRole("button", { name: "Publier" }).click();
  await expect(page.getByRole("button", { name: "Arrêter la publication" })).toBeVisible();
  return ent;
}
