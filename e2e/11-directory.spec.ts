import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { SLAPD_DIR, SLAPD_PORT, startSlapd } from "../scripts/slapd.mjs";
import { LDAP_PEOPLE, LDAP_SUFFIX } from "../tests/support/ldap-entries.mjs";
import { seedAccount, signInThroughApi } from "./seed";
import { choosePinAndDevice, expectNoAccessibilityViolations, typeNewUser } from "./support";

const [, jdurand] = LDAP_PEOPLE;

test("Déléguer l'authentification : un utilisateur du contrôleur se connecte avec le mot de passe de l'annuaire LDAP", async ({
  page,
  browser,
}) => {
  // The school's directory: Debian's slapd on loopback, its own CA (scripts/slapd.mjs).
  await startSlapd();
  const account = await seedAccount("controller");
  await signInThroughApi(page, account);
  await page.goto("/controleur");
  await page.getByRole("link", { name: "Déléguer l'authentification" }).click();
  const ldap = page.getByRole("form", { name: "LDAP" });
  await ldap.getByRole("checkbox", { name: "Activer l'authentification LDAP" }).check();
  await ldap.getByLabel("Adresse du serveur LDAP").fill(`ldap://127.0.0.1:${SLAPD_PORT}`);
  await ldap.getByLabel("Certificat de l'autorité de l'annuaire (PEM, facultatif)").fill(readFileSync(`${SLAPD_DIR}/ca.pem`, "utf8"));
  await ldap.getByLabel("DN de base").fill(LDAP_SUFFIX);
  await ldap.getByLabel("Modèle de DN (liaison directe, facultatif)").fill(`uid={identifiant},ou=people,${LDAP_SUFFIX}`);
  await ldap.getByLabel("Attribut de l'identifiant").fill("uid");
  await ldap.getByRole("button", { name: "Enregistrer les paramètres LDAP" }).click();
  await expect(ldap.getByText("Enregistré.")).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // Julie Durand's Identifiant LDAP; the only superadministrator keeps his local password.
  await page.getByRole("link", { name: "Liste des utilisateurs" }).click();
  await page.getByRole("button", { name: "+ Nouveau" }).click();
  await typeNewUser(page, { loginId: "julie", lastName: "Durand", firstName: "Julie" });
  await expect(page.getByRole("button", { name: "Statut de julie : Utilisateur. Modifier" })).toBeVisible();
  await page.getByRole("button", { name: "Afficher les identifiants délégués (LDAP, CAS, WsFed)" }).click();
  await page.getByRole("textbox", { name: "Identifiant LDAP de pmartin" }).fill("pmartin");
  await page.getByRole("textbox", { name: "Identifiant LDAP de pmartin" }).press("Enter");
  await expect(page.getByText(/Gardez au moins un superadministrateur sans Identifiant LDAP \(le compte de secours\)/)).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Identifiant LDAP de pmartin" })).toHaveValue("");
  await page.getByRole("textbox", { name: "Identifiant LDAP de julie" }).fill(jdurand.uid);
  // Saved when Enter is pressed: the page is read again once the server has answered.
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/controleur"));
  await page.getByRole("textbox", { name: "Identifiant LDAP de julie" }).press("Enter");
  await saved;
  await page.reload();
  await page.getByRole("button", { name: "Afficher les identifiants délégués (LDAP, CAS, WsFed)" }).click();
  await expect(page.getByRole("textbox", { name: "Identifiant LDAP de julie" })).toHaveValue(jdurand.uid);

  // In a browser of her own: the directory's password, then the console's own steps.
  const context = await browser.newContext();
  const user = await context.newPage();
  const signIn = async (password: string) => {
    await user.goto("/connexion");
    await user.getByRole("radio", { name: /utilisateur du contrôleur/ }).check();
    await user.getByLabel("Adresse IP ou nom de domaine").fill(`${account.labels.controller}.pronote-campus.net`);
    await user.getByRole("button", { name: "Se connecter" }).click();
    await user.getByLabel("Identifiant de connexion :").fill("julie");
    await user.getByLabel("Mot de passe :").fill(password);
    await user.getByRole("button", { name: "Valider" }).click();
  };
  await signIn("pas-le-bon");
  await expect(user.getByText("Identifiant ou mot de passe incorrect.")).toBeVisible();
  await signIn(jdurand.password);
  // Her password is the directory's: nothing to personalize, the security measure comes next.
  await choosePinAndDevice(user, "7405");
  await expect(user.getByRole("heading", { name: "Plannings de DURAND Julie" })).toBeVisible();
  await context.close();

  // The journal says how she came in.
  await page.goto("/compte");
  await expect(page.getByRole("row", { name: /julie Connexion d'un utilisateur annuaire LDAP/ }).first()).toBeVisible();
});
