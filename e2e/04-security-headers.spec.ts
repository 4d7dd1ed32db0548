import { expect, test } from "@playwright/test";
import { firstSignIn, provisionAccount } from "./support";

// X3: the headers every answer carries, and a Content Security Policy that lets the console's own
// scripts run and nothing else.

test("chaque page porte sa politique de sécurité, avec un nonce neuf à chaque réponse", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ["/connexion", "/connexion", "/espace/connexion", "/espace/mobile"]) {
    const answer = await request.get(path);
    expect(answer.status(), path).toBe(200);
    const headers = answer.headers();
    const policy = headers["content-security-policy"];
    expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'(;|$)/);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("form-action 'self'");
    expect(policy).not.toContain("unsafe-eval");
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    nonces.add(nonce);
    // Every script of the page carries this answer's nonce.
    const html = await answer.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
    expect(headers["x-powered-by"]).toBeUndefined();
  }
  expect(nonces.size).toBe(4);
  // Files and JSON carry the headers that hold for every answer.
  const api = await request.get("/api/journal");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
});

test("la console fonctionne sous sa politique, et un script injecté ne s'exécute pas", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const { credentials } = provisionAccount("PRONOTE_CAMPUS");
  await firstSignIn(page, credentials);
  for (const panel of ["Contrôleur", "Mes plannings", "Communication", "Mon compte", "Configuration"]) {
    await page.getByRole("navigation", { name: "Volets de la console" }).getByRole("link", { name: panel }).click();
    await expect(page.getByRole("heading", { name: panel, level: 1 })).toBeVisible();
  }
  expect(violations).toEqual([]);

  // What an injection into the page would bring: an inline script and an event handler without the
  // nonce, in the HTML the server sends with its policy. The browser refuses both; the page still works.
  await page.route("**/connexion", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      "</body>",
      '<script>window.__injected = "script"</script><img alt="" src="/x.png" onerror="window.__injected = \'handler\'"></body>',
    );
    await route.fulfill({ response, body: html });
  });
  await page.getByRole("button", { name: "Déconnexion" }).click();
  await expect(page.getByRole("heading", { name: "Accès à votre console d'hébergement" })).toBeVisible();
  await page.goto("/connexion");
  await expect(page.getByRole("radio", { name: "responsable de l'hébergement" })).toBeVisible();
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected ?? null)).toBeNull();
  expect(violations.length).toBeGreaterThanOrEqual(2);
  // The console's own scripts ran: the form answers.
  await page.getByRole("radio", { name: "responsable de l'hébergement" }).check();
  await page.getByLabel("Numéro d'hébergement").fill(credentials.hostingNumber);
  await page.getByLabel("Mot de passe de la console d'hébergement").fill("Mauvais-mot-de-passe-1");
  await page.getByRole("button", { name: "Se connecter à la console d'hébergement" }).click();
  await expect(page.getByText("Numéro d'hébergement ou mot de passe incorrect.").first()).toBeVisible();
});
