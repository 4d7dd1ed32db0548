// `npm run bench:ent [-- --sqlite | --postgres]`: 8 o'clock at a lycée whose Espaces sign in through
// the ENT — 3,000 pupils and 6,000 responsables in the planning, then 200 pupils back from the ENT's
// CAS server at once (20 at a time), then 100 back from a SAML ENT. The tickets and responses come
// from the real servers (Debian's django-cas-server and simplesamlphp, started here); what is timed
// is the console's side: validation, the identity matched among 9,000, the claim, the journal.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { CAS_DIR, CAS_URL, startCasServer } from "../scripts/cas-server.mjs";
import { postgresUrl, startPostgres } from "../scripts/postgres.mjs";
import { SAML_IDP_METADATA, startSamlIdp } from "../scripts/saml-idp.mjs";
import { usage } from "../scripts/usage.mjs";

/** The tag of the state of the browser that started the sign-in (lib/server/directory/sign-in-state.ts): one browser here. */
const TAG = "etat-du-navigateur";

usage(`
npm run bench:ent [-- --sqlite | --postgres]
200 élèves reviennent du CAS de l'ENT à la fois, puis 100 d'un ENT SAML, parmi 9 000 personnes ; temps côté console.
`);
const { values } = parseArgs({ options: { sqlite: { type: "boolean" }, postgres: { type: "boolean" }, worker: { type: "boolean" } } });

if (!values.worker) {
  await startCasServer();
  await startSamlIdp();
  const databases = values.sqlite ? ["sqlite"] : values.postgres ? ["postgresql"] : ["sqlite", "postgresql"];
  for (const database of databases) {
    let url = "file:./.data/bench-ent/console.db";
    if (database === "postgresql") {
      startPostgres();
      url = postgresUrl("console_bench");
    } else rmSync(".data/bench-ent", { recursive: true, force: true });
    execFileSync(process.execPath, ["scripts/db-migrate.mjs", "--fresh"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
    console.log(`— ${database}`);
    execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/ent-sign-in.ts", "--worker"], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        // The test servers know the console at this address (scripts/cas-server.mjs, saml-idp.mjs).
        NEXTAUTH_URL: "http://localhost:3000",
        NEXTAUTH_SECRET: "bench-only-nextauth-secret-0123456789abcdef",
        PROVISIONAL_KEY: process.env.PROVISIONAL_KEY || "bench-only-provisional-key",
        // The test servers are on this machine, where the console reaches nothing unless told.
        OUTBOUND_ALLOWED_HOSTS: "127.0.0.1",
      },
      stdio: "inherit",
    });
  }
  process.exit(0);
}

const { db } = await import("@/lib/db");
const { searchKeyOf } = await import("@/lib/search-key");
const { encryptProvisional } = await import("@/lib/server/security/provisional");
const { entSignInUrl, finishEntSignIn } = await import("@/lib/server/sign-in/espace/ent-sign-in");
const { finishEntSamlSignIn } = await import("@/lib/server/sign-in/espace/ent-saml");
const { resolveIdpMetadata } = await import("@/lib/server/directory/saml-metadata");
const { casTicket } = await import("../tests/support/cas-login");
const { samlResponse } = await import("../tests/support/saml-login");
const { CAS_USERS } = await import("../tests/support/cas-users.mjs");

const fqdn = "lycee-banc-essai.pronote-campus.net";
const account = await db.hostingAccount.create({
  data: {
    product: "PRONOTE_CAMPUS",
    establishment: "Lycée du banc d'essai",
    hostingNumber: "100000000002",
    invoiceNumberHash: "-",
    consolePasswordHash: "-",
    responsibleName: "Bench",
    responsibleEmail: "bench@ecole.test",
    responsibleMobile: "0600000000",
    plannings: { create: { name: "planning01", position: 1, port: 21201, netLicence: true, status: "RUNNING", publication: "PUBLISHED" } },
  },
  include: { plannings: true },
});
const planning = account.plannings[0];
await db.domain.create({ data: { accountId: account.id, planningId: planning.id, fqdn } });
const address = `https://${fqdn}/`;
const cas = {
  enabled: true,
  family: "ODE",
  casUrl: CAS_URL,
  metadata: "",
  identifierAttribute: "",
  version: "3.0",
  caCertificate: readFileSync(`${CAS_DIR}/ca.pem`, "utf8"),
  matching: "ATTRIBUTE",
  loginAttribute: "login",
  populations: ["ELEVES", "RESPONSABLES"],
};
await db.planning.update({ where: { id: planning.id }, data: { entSettings: JSON.stringify(cas) } });

// 9,000 people; the CAS server's one pupil ("ent.lea", login lea.martin) among them. Each sign-in
// below is hers with a fresh ticket: her identity is matched by attribute the first time, by her
// stored ENT identity after — both are timed.
const encrypted = encryptProvisional("Provisoire-2026");
const people = [
  { population: "ELEVES", lastName: "Martin", firstName: "Léa", loginId: "lea.martin" },
  ...Array.from({ length: 2999 }, (_, i) => ({ population: "ELEVES", lastName: `Eleve${i}`, firstName: "Noa", loginId: `noa.${i}` })),
  ...Array.from({ length: 6000 }, (_, i) => ({
    population: "RESPONSABLES",
    lastName: `Parent${i}`,
    firstName: "Sam",
    loginId: `sam.${i}`,
  })),
];
for (let i = 0; i < people.length; i += 500) {
  await db.espacePerson.createMany({
    data: people.slice(i, i + 500).map((p) => ({
      ...p,
      accountId: account.id,
      planningId: planning.id,
      loginKey: p.loginId,
      provisionalPasswordEnc: encrypted,
      searchKey: searchKeyOf(p),
    })),
  });
}

async function inParallel<T>(items: T[], width: number, run: (item: T) => Promise<void>) {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const item = items[next++];
        const start = performance.now();
        await run(item);
        times.push(performance.now() - start);
      }
    }),
  );
  return times.sort((a, b) => a - b);
}
const line = (what: string, count: number, total: number, times: number[]) =>
  console.log(
    `${what}: ${count} in ${(total / 1000).toFixed(1)} s, ${(count / (total / 1000)).toFixed(0)}/s; median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, p95 ${times[Math.floor(times.length * 0.95)].toFixed(0)} ms`,
  );

// CAS: the tickets first (a CAS server's ticket lives a minute), then the console's side, 20 at a time.
const service = new URL(await entSignInUrl(address, TAG)).searchParams.get("service")!;
const tickets: string[] = [];
await inParallel(Array.from({ length: 200 }), 8, async () => {
  tickets.push(await casTicket("ent.lea", CAS_USERS["ent.lea"].password, service));
});
let start = performance.now();
let times = await inParallel(tickets, 20, async (ticket) => {
  await finishEntSignIn(planning.id, ticket, { ip: "10.0.0.1" }, TAG);
});
line("ENT CAS sign-ins (validation, match among 9,000, journal)", tickets.length, performance.now() - start, times);

// SAML: the same Espace turned to a SAML ENT; 100 responses of the IdP, then validated 20 at a time.
const idp = await resolveIdpMetadata(await (await fetch(SAML_IDP_METADATA)).text());
const saml = { ...cas, family: "SAML", casUrl: "", metadata: SAML_IDP_METADATA, identifierAttribute: "uid", loginAttribute: "uid", idp };
await db.planning.update({ where: { id: planning.id }, data: { entSettings: JSON.stringify(saml) } });
await db.espacePerson.updateMany({ where: { planningId: planning.id }, data: { casId: "" } });
await db.espacePerson.updateMany({ where: { planningId: planning.id, loginKey: "lea.martin" }, data: { loginKey: "saml.eleve" } });
const responses: string[] = [];
for (let i = 0; i < 100; i++) responses.push((await samlResponse(await entSignInUrl(address, TAG), "saml.eleve")).SAMLResponse);
start = performance.now();
times = await inParallel(responses, 20, async (response) => {
  await finishEntSamlSignIn(planning.id, response, { ip: "10.0.0.2" }, TAG);
});
line("ENT SAML sign-ins (signatures, InResponseTo consumed, match, journal)", responses.length, performance.now() - start, times);
await db.$disconnect();
