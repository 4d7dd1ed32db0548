import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { CAS_URL, startCasServer } from "../scripts/cas-server.mjs";
import { startSamlIdp } from "../scripts/saml-idp.mjs";
import { casLogin, controllerSignIn, enableCas, enableSaml, integrateEnt, newUserWithCasId, samlLogin } from "./delegated";
import { E2E_PORT } from "./env";
import { seedAccount, signInThroughApi } from "./seed";

// A delegated sign-in started in one browser and finished in another is refused. Before, the
// returns set no state tied to the browser: an attacker signed in at the ENT with his own account,
// stopped before the return, and sent a victim's browser there — the victim was signed in as him
// (a login CSRF), or linked his Espace's person to the attacker's ENT identity for good.
test.beforeAll(() => startCasServer());
test.beforeAll(() => startSamlIdp());

const ORIGIN = `http://localhost:${E2E_PORT}`;
const STATE_REFUSED = "Cette connexion n'a pas été commencée dans ce navigateur, ou elle a expiré";

/** A browser of one's own, trusting the school's CAS server as a school's browsers do. */
async function browserOf(browser: Browser) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  return { context, page: await context.newPage() };
}

/** The names of the proof cookies a return leaves for the page's next step. */
const proofCookies = async (context: BrowserContext) =>
  (await context.cookies(ORIGIN)).map((c) => c.name).filter((name) => name === "directory-proof" || name === "ent-proof");

/**
 * The attacker's browser, stopped on its way back: the CAS server's answer to its login form is a
 * redirect to the console's return with the ticket; its address is kept, not followed (a browser
 * does not route the redirect's own request, so the login's answer is the one stopped).
 */
async function casReturnOf(page: Page) {
  let captured = "";
  await page.route(`${CAS_URL}/login**`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const answer = await route.fetch({ maxRedirects: 0 });
    captured = answer.headers().location ?? "";
    await route.fulfill({ status: 200, contentType: "text/plain; charset=utf-8", body: "Arrêté avant le retour." });
  });
  return () => captured;
}

/** The attacker's browser, stopped on its way back: the IdP's signed response, not posted. */
async function samlPostOf(page: Page) {
  let captured = "";
  await page.route("**/api/connexion/saml/retour", async (route) => {
    captured = route.request().postData() ?? "";
    await route.abort();
  });
  return () => captured;
}

/**
 * What the IdP's auto-posting form does, in `page`'s browser: the response posted to the console's
 * ACS as a top-level navigation (from a page of the console's, since its policy lets forms post
 * only there). Resolves with where the browser lands.
 */
async function postAcs(page: Page, body: string) {
  await page.goto(`${ORIGIN}/connexion`);
  const landed = page.waitForURL(/\/espace\/(connexion|mobile)\?/);
  await page.evaluate((fields) => {
    const form = document.createElement("form");
    form.method = "POST";
    form.action = "/api/connexion/saml/retour";
    for (const [name, value] of new URLSearchParams(fields)) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  }, body);
  await landed;
  return new URL(page.url());
}

test("la connexion par le CAS de l'établissement commencée dans un navigateur est refusée dans un autre", async ({ page, browser }) => {
  const account = await seedAccount("controller");
  await signInThroughApi(page, account);
  await enableCas(page);
  await newUserWithCasId(page, { loginId: "claire", lastName: "Agent", firstName: "Claire" }, "cas.agent");

  const attacker = await browserOf(browser);
  const returnOf = await casReturnOf(attacker.page);
  await controllerSignIn(attacker.page, account);
  await attacker.page.getByRole("link", { name: "Se connecter avec le CAS" }).click();
  await casLogin(attacker.page, "cas.agent");
  await expect.poll(returnOf).toContain("ticket=ST-");

  // The victim's browser: with no sign-in of its own, then with one it started itself.
  const victim = await browserOf(browser);
  await victim.page.goto(returnOf());
  await expect(victim.page.getByText(STATE_REFUSED)).toBeVisible();
  await controllerSignIn(victim.page, account);
  await victim.page.getByRole("link", { name: "Se connecter avec le CAS" }).click();
  await victim.page.goto(returnOf());
  await expect(victim.page.getByText(STATE_REFUSED)).toBeVisible();
  expect(await proofCookies(victim.context)).toEqual([]);
  await expect(victim.page.getByRole("heading", { name: /Plannings de/ })).toHaveCount(0);

  // The same ticket in the browser that asked for it: signed in (the refusals spent nothing).
  await attacker.page.unrouteAll();
  await attacker.page.goto(returnOf());
  await expect(attacker.page.getByRole("heading", { name: "Renforcer la sécurité de mon compte" })).toBeVisible();
  await attacker.context.close();
  await victim.context.close();
});

test("la connexion par le fournisseur d'identité SAML commencée dans un navigateur est refusée dans un autre", async ({
  page,
  browser,
}) => {
  const account = await seedAccount("controller");
  await signInThroughApi(page, account);
  await enableSaml(page);
  await newUserWithCasId(page, { loginId: "marc", lastName: "Agent", firstName: "Marc" }, "saml.agent");

  const attacker = await browserOf(browser);
  const responseOf = await samlPostOf(attacker.page);
  await controllerSignIn(attacker.page, account);
  await attacker.page.getByRole("link", { name: "Se connecter par l'ENT (SAML)" }).click();
  await samlLogin(attacker.page, "saml.agent");
  await expect.poll(responseOf).toContain("SAMLResponse=");

  // The auto-posting form of the attacker's page, submitted by the victim's browser.
  const victim = await browserOf(browser);
  expect((await postAcs(victim.page, responseOf())).searchParams.get("erreur")).toBe("STATE");
  await expect(victim.page.getByText(STATE_REFUSED)).toBeVisible();
  expect(await proofCookies(victim.context)).toEqual([]);

  // Posted by the browser that asked: taken, the console's own steps follow.
  await attacker.page.unrouteAll();
  expect((await postAcs(attacker.page, responseOf())).searchParams.get("suite")).toBe("annuaire");
  await expect(attacker.page.getByRole("heading", { name: "Renforcer la sécurité de mon compte" })).toBeVisible();
  await attacker.context.close();
  await victim.context.close();
});

test("la connexion par le CAS de l'ENT commencée dans un navigateur est refusée dans un autre, sans lier l'identité", async ({
  page,
  browser,
}) => {
  const account = await seedAccount("pupils", { open: true });
  await signInThroughApi(page, account);
  await integrateEnt(page, "ODE");
  const address = `https://${account.labels.plannings[0]}.pronote-campus.net/`;
  const espace = `/espace/mobile?adresse=${encodeURIComponent(address)}`;

  const attacker = await browserOf(browser);
  const returnOf = await casReturnOf(attacker.page);
  await attacker.page.goto(espace);
  await attacker.page.getByRole("link", { name: "Se connecter avec l'ENT" }).click();
  await casLogin(attacker.page, "ent.zoe");
  await expect.poll(returnOf).toContain("ticket=ST-");

  const victim = await browserOf(browser);
  await victim.page.goto(returnOf());
  await expect(victim.page.getByText(STATE_REFUSED)).toBeVisible();
  expect(await proofCookies(victim.context)).toEqual([]);
  await expect(victim.page.getByText("Vous êtes connecté(e)")).toHaveCount(0);

  await attacker.page.unrouteAll();
  await attacker.page.goto(returnOf());
  await expect(attacker.page.getByRole("status")).toHaveText("Vous êtes connecté(e) à l'Espace Élèves : Élève007 Zoé.");
  await attacker.context.close();
  await victim.context.close();
});

test("la connexion par un ENT SAML commencée dans un navigateur est refusée dans un autre ; la première connexion nomme l'identité ENT", async ({
  page,
  browser,
}) => {
  const account = await seedAccount("pupils", { open: true });
  await signInThroughApi(page, account);
  await integrateEnt(page, "SAML");
  const address = `https://${account.labels.plannings[0]}.pronote-campus.net/`;

  const attacker = await browserOf(browser);
  const responseOf = await samlPostOf(attacker.page);
  await attacker.page.goto(`/espace/mobile?adresse=${encodeURIComponent(address)}`);
  await attacker.page.getByRole("link", { name: "Se connecter avec l'ENT" }).click();
  await samlLogin(attacker.page, "saml.eleve");
  await expect.poll(responseOf).toContain("SAMLResponse=");

  const victim = await browserOf(browser);
  expect((await postAcs(victim.page, responseOf())).searchParams.get("erreur")).toBe("STATE");
  await expect(victim.page.getByText(STATE_REFUSED)).toBeVisible();
  expect(await proofCookies(victim.context)).toEqual([]);

  // In the browser that asked, the response is taken; "Autre ENT" links at the first sign-in, and
  // the page names the identity about to be linked before anything is.
  await attacker.page.unrouteAll();
  expect((await postAcs(attacker.page, responseOf())).searchParams.get("suite")).toBe("ent");
  await expect(attacker.page.getByRole("heading", { name: "Première connexion par l'ENT" })).toBeVisible();
  await expect(attacker.page.getByText("Vous allez associer votre compte à l'identité ENT « Inès DURAND (saml.eleve) ».")).toBeVisible();
  await expect(attacker.page.getByRole("checkbox", { name: "Je confirme que cette identité ENT est la mienne" })).not.toBeChecked();
  await attacker.context.close();
  await victim.context.close();
});
