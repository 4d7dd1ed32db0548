// bench/year's writes and reads, each in a short process beside the consoles. `prepare <n>`: n hosting
// accounts, opened this school year, each with a planning whose base of the year is in service
// (rows written in bulk: the bench measures the yearly steps, not provisioning), and one more school
// whose responsible is signed in to load console pages. `verify <year>`: what each account holds
// once the year has changed.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { emptyResources } from "@/lib/base-resources";
import { certificateCookieName, installCertificate } from "@/lib/server/sign-in/hosting/certificates";
import { schoolYearVersion } from "@/lib/product-version";
import { defaultGrid, encodeWorkingDays } from "@/lib/timetable-grid";
import { acceptLicence } from "@/lib/server/hosting-account/accept-licence";
import { provisionHostingAccount } from "@/lib/server/hosting-account/provision-hosting-account";
import { hashSecret } from "@/lib/server/security/secrets";

const [command, arg] = process.argv.slice(2);
const out = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

if (command === "prepare") {
  const count = Number(arg);
  const year = schoolYearVersion(new Date());
  const hash = await hashSecret("non-utilise");
  // Opened this school year, before its archive: the steps due are that archive and the change.
  const opened = new Date(Date.now() - 300 * 86_400_000);
  const { name, ...grid } = defaultGrid(year);
  for (let from = 0; from < count; from += 100) {
    const ids = Array.from({ length: Math.min(100, count - from) }, () => randomUUID());
    await db.hostingAccount.createMany({
      data: ids.map((id, i) => ({
        id,
        product: "PRONOTE_CAMPUS",
        establishment: `Établissement ${from + i}`,
        hostingNumber: String(900_000_000_000 + from + i),
        invoiceNumberHash: hash,
        consolePasswordHash: hash,
        responsibleName: "Camille Année",
        responsibleEmail: `annee-${from + i}@ecole.test`,
        responsibleMobile: "+33600000000",
        licensedPlannings: 1,
        version: String(year),
        createdAt: opened,
      })),
    });
    await db.controller.createMany({ data: ids.map((accountId) => ({ accountId, port: 21200, status: "RUNNING" })) });
    const plannings = ids.map((accountId) => ({
      id: randomUUID(),
      accountId,
      position: 1,
      name: "planning01",
      port: 21201,
      status: "RUNNING",
    }));
    await db.planning.createMany({ data: plannings });
    await db.timetableBase.createMany({
      data: plannings.map((p) => ({
        accountId: p.accountId,
        planningId: p.id,
        name,
        version: String(year),
        ...grid,
        workingDays: encodeWorkingDays(grid.workingDays),
        resources: JSON.stringify(emptyResources()),
        lastEditedAt: opened,
      })),
    });
  }
  // The school whose user loads pages meanwhile.
  const observer = await provisionHostingAccount({
    product: "PRONOTE_CAMPUS",
    establishment: "Collège qui consulte",
    responsibleName: "Camille Console",
    responsibleEmail: "consulte@ecole.test",
    responsibleMobile: "+33600000001",
    licensedPlannings: 2,
  });
  const attempt = { hostingNumber: observer.hostingNumber, password: observer.consolePassword, ip: "127.0.0.1" };
  const { token } = await installCertificate({ ...attempt, invoiceNumber: observer.invoiceNumber, userAgent: "bench" });
  await acceptLicence({ accountId: observer.accountId, ip: "127.0.0.1" });
  out({
    year,
    observer: {
      hostingNumber: observer.hostingNumber,
      password: observer.consolePassword,
      certificateCookie: `${certificateCookieName(observer.accountId)}=${encodeURIComponent(token)}`,
    },
  });
} else if (command === "verify") {
  const year = Number(arg);
  const accounts = await db.hostingAccount.findMany({
    where: { responsibleEmail: { startsWith: "annee-" } },
    select: {
      version: true,
      bases: { select: { version: true } },
      archives: { select: { schoolYear: true } },
      yearlySteps: { select: { step: true } },
      _count: { select: { auditEvents: { where: { action: "year.change", detail: { startsWith: `Version ${year} :` } } } } },
    },
  });
  const wrong = accounts.filter(
    (a) =>
      a.version !== String(year) ||
      a.bases.length !== 1 ||
      a.bases[0].version !== String(year) ||
      a.archives.length !== 1 ||
      a.archives[0].schoolYear !== year - 1 ||
      a.yearlySteps.filter((s) => s.step === "ARCHIVE").length !== 1 ||
      a.yearlySteps.filter((s) => s.step === "CHANGE").length !== 1 ||
      a._count.auditEvents !== 1,
  );
  const archiveLines = await db.auditEvent.count({ where: { action: "year.archive" } });
  out({ accounts: accounts.length, wrong: wrong.length, archiveLines });
} else {
  console.error("usage : year-steps prepare <n> | verify <année>");
  process.exit(2);
}
await db.$disconnect();
