// Benchmark (not a test): creates 5,000 users with provisional passwords in a fresh SQLite file and
// prints the time. Run: npm run bench:users
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { usage } from "../scripts/usage.mjs";

usage("npm run bench:users : crée 5 000 utilisateurs (COUNT) dans une base SQLite neuve et affiche le temps.");

const COUNT = Number(process.env.COUNT ?? 5000);
const url = "file:./.data/bench/console.db";
rmSync(".data/bench", { recursive: true, force: true });
execFileSync(process.execPath, ["scripts/db-migrate.mjs"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
process.env.DATABASE_URL = url;
process.env.PROVISIONAL_KEY ||= "bench-only-provisional-key";

const { db } = await import("@/lib/db");
const { createUsers, createUser } = await import("@/lib/server/user/create-user");

const account = await db.hostingAccount.create({
  data: {
    product: "PRONOTE_CAMPUS",
    establishment: "Lycée du banc d'essai",
    hostingNumber: "100000000000",
    invoiceNumberHash: "-",
    consolePasswordHash: "-",
    responsibleName: "Bench",
    responsibleEmail: "bench@ecole.test",
    responsibleMobile: "0600000000",
  },
});
const ctx = { accountId: account.id, actor: "bench", ip: "127.0.0.1" };
const inputs = Array.from({ length: COUNT }, (_, i) => ({ loginId: `eleve${i}`, lastName: `Nom${i}`, firstName: "Prénom" }));

let start = performance.now();
const created = await createUsers(ctx, inputs);
const bulkMs = performance.now() - start;

const ONE_BY_ONE = 200;
start = performance.now();
for (let i = 0; i < ONE_BY_ONE; i++) await createUser(ctx, { loginId: `seul${i}`, lastName: "Seul", firstName: "Un" });
const singleMs = performance.now() - start;

console.log(`createUsers: ${created.length} users with provisional passwords in ${(bulkMs / 1000).toFixed(2)} s`);
console.log(
  `createUser (one "Nouveau" at a time): ${ONE_BY_ONE} users in ${(singleMs / 1000).toFixed(2)} s ` +
    `(${(singleMs / ONE_BY_ONE).toFixed(2)} ms each)`,
);
await db.$disconnect();
