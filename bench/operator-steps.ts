// bench/operator's writes, in a short process beside the console. `accounts <n>`: hosting accounts
// up to n in all (rows written in bulk: the bench measures the list, not provisioning), each with its
// controller and its domain. `operator`: an operator and an open session; prints the session's token.
import { randomInt, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { PRODUCTS } from "@/lib/products";
import { accountSearchKey } from "@/lib/search-key";
import { createOperator } from "@/lib/server/operator/create-operator";
import { openOperatorSession } from "@/lib/server/sign-in/operator/operator-sessions";

const [command, arg] = process.argv.slice(2);
const out = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

if (command === "accounts") {
  const wanted = Number(arg);
  const have = await db.hostingAccount.count();
  // 40 rows a statement: SQLite's adapter takes at most 999 bound values.
  for (let from = have; from < wanted; from += 40) {
    const rows = Array.from({ length: Math.min(40, wanted - from) }, (_, i) => {
      const n = from + i;
      const establishment = `Collège ${["Jean Moulin", "Émile Zola", "Louise Michel", "Victor Hugo"][n % 4]} ${n}`;
      const rne = `0${String(100000 + n).slice(-6)}${"ABCDEFGHJK"[n % 10]}`;
      const email = `resp${n}@etab${n}.test`;
      return {
        id: randomUUID(),
        product: PRODUCTS[n % 3],
        establishment,
        rne,
        hostingNumber: String(100000000000 + n),
        invoiceNumberHash: "non-utilise",
        consolePasswordHash: "non-utilise",
        responsibleName: "Camille Test",
        responsibleEmail: email,
        responsibleMobile: `+3360000${String(n).padStart(4, "0")}`,
        searchKey: accountSearchKey({ establishment, rne, responsibleName: "Camille Test", responsibleEmail: email }),
        createdAt: new Date(Date.now() - n * 60_000),
      };
    });
    await db.hostingAccount.createMany({ data: rows });
    await db.controller.createMany({ data: rows.map((r) => ({ id: randomUUID(), accountId: r.id })) });
    const controllers = await db.controller.findMany({
      where: { accountId: { in: rows.map((r) => r.id) } },
      select: { id: true, accountId: true },
    });
    await db.domain.createMany({
      data: controllers.map((c, i) => ({
        accountId: c.accountId,
        controllerId: c.id,
        fqdn: `ctrl-${from + i}-${randomInt(1e6, 1e7)}.index-education.net`,
      })),
    });
  }
  out({ accounts: await db.hostingAccount.count() });
} else if (command === "operator") {
  const operator = await createOperator(
    { email: `bench${randomInt(1e6, 1e7)}@hebergeur.test`, name: "Banc d'essai", role: "SUPPORT" },
    { actor: "bench" },
  );
  const row = await db.operator.findUniqueOrThrow({ where: { id: operator.id }, select: { id: true, sessionVersion: true } });
  out({ token: await openOperatorSession(row) });
} else {
  console.error("usage : bench/operator-steps.ts accounts <n> | operator");
  process.exitCode = 2;
}
await db.$disconnect();
