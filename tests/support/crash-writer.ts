// The writer that tests/crash.test.ts kills: the console's own write paths on DATABASE_URL, with a
// line on stdout after each commit (a pipe's writes are synchronous on Linux: a line printed is a
// write acknowledged). `setup` provisions an account, `write <account> <prefix>` writes until
// killed, `verify <account>` prints what the database holds.
import { db } from "@/lib/db";
import { isPostgresUrl } from "@/lib/database-url";
import { provisionHostingAccount } from "@/lib/server/hosting-account/provision-hosting-account";
import { createUser, createUsers } from "@/lib/server/user/create-user";

const [mode, accountId, prefix] = process.argv.slice(2);
export const GROUP_SIZE = 20;

if (mode === "setup") {
  const { accountId: id } = await provisionHostingAccount({
    product: "PRONOTE_CAMPUS",
    establishment: "École de la panne",
    responsibleName: "Camille Test",
    responsibleEmail: "panne@ecole.test",
    responsibleMobile: "+33600000000",
    licensedPlannings: 1,
  });
  console.log(id);
} else if (mode === "write") {
  const ctx = { accountId, actor: "panne", ip: "127.0.0.1" };
  for (let i = 0; ; i++) {
    if (i % 2 === 0) {
      const loginId = `${prefix}s${i}`;
      await createUser(ctx, { loginId, lastName: "Panne", firstName: "Simple" });
      process.stdout.write(`ACK single ${loginId}\n`);
    } else {
      const group = `${prefix}g${i}`;
      await createUsers(
        ctx,
        Array.from({ length: GROUP_SIZE }, (_, k) => ({ loginId: `${group}-${k}`, lastName: "Panne", firstName: "Groupe" })),
      );
      process.stdout.write(`ACK group ${group}\n`);
    }
  }
} else if (mode === "verify") {
  const users = await db.controllerUser.findMany({ where: { accountId }, select: { loginId: true } });
  const audits = await db.auditEvent.findMany({ where: { accountId, action: "user.create" }, select: { detail: true } });
  const integrity = isPostgresUrl()
    ? "ok"
    : ((await db.$queryRawUnsafe("PRAGMA integrity_check")) as { integrity_check: string }[])[0].integrity_check;
  console.log(JSON.stringify({ logins: users.map((u) => u.loginId), audits: audits.map((a) => a.detail), integrity }));
  await db.$disconnect();
} else {
  console.error("usage : crash-writer setup | write <compte> <préfixe> | verify <compte>");
  process.exit(2);
}
