// The console instance tests/year-change-crash.test.ts kills: its own job engine on DATABASE_URL,
// with the console's clock set to YEAR_CLOCK. `setup <n> <label>` opens n accounts with a base in
// each planning; `work <total>` starts the background work (as instrumentation.ts does) and prints
// "DONE <k>" as accounts finish their change, exiting once all have; `verify <label>` prints what
// the database holds.
import { db } from "@/lib/db";
import { setTestClock } from "@/lib/clock";
import { schoolYearVersion } from "@/lib/product-version";
import { defaultGrid, encodeWorkingDays } from "@/lib/timetable-grid";
import { emptyResources } from "@/lib/base-resources";
import { provisionHostingAccount } from "@/lib/server/hosting-account/provision-hosting-account";
import { startBackgroundWork, stopBackgroundWork } from "@/lib/server/jobs/background-work";

const [mode, arg, label] = process.argv.slice(2);
const thisYear = schoolYearVersion(new Date());

if (mode === "setup") {
  for (let i = 0; i < Number(arg); i++) {
    const { accountId } = await provisionHostingAccount({
      product: "PRONOTE_CAMPUS",
      establishment: `École de la rentrée ${i}`,
      responsibleName: "Camille Test",
      responsibleEmail: `${label}-${i}@ecole.test`,
      responsibleMobile: "+33600000000",
      licensedPlannings: 2,
    });
    const { name, ...grid } = defaultGrid(thisYear);
    for (const planning of await db.planning.findMany({ where: { accountId } })) {
      await db.planning.update({ where: { id: planning.id }, data: { status: "RUNNING", publication: "PUBLISHED" } });
      await db.timetableBase.create({
        data: {
          accountId,
          planningId: planning.id,
          name,
          version: String(thisYear),
          ...grid,
          workingDays: encodeWorkingDays(grid.workingDays),
          resources: JSON.stringify(emptyResources()),
          lastEditedAt: new Date(),
        },
      });
    }
  }
  await db.$disconnect();
} else if (mode === "work") {
  setTestClock(new Date(process.env.YEAR_CLOCK ?? ""));
  await startBackgroundWork();
  const total = Number(arg);
  let last = -1;
  for (;;) {
    const done = await db.yearlyStep.count({ where: { step: "CHANGE", year: thisYear + 1 } });
    const owed = await db.yearlyStep.count({ where: { mailSentAt: null } });
    if (done !== last) process.stdout.write(`DONE ${done}\n`);
    last = done;
    if (done >= total && owed === 0) {
      // What is running (the e-mails that follow the last changes) ends before the instance does.
      await stopBackgroundWork({ wait: true });
      process.exit(0);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
} else if (mode === "verify") {
  const accounts = await db.hostingAccount.findMany({
    where: { responsibleEmail: { startsWith: `${arg}-` } },
    include: { bases: true, archives: true, yearlySteps: true, auditEvents: { where: { action: "year.change" } } },
  });
  console.log(
    JSON.stringify(
      accounts.map((a) => ({
        email: a.responsibleEmail,
        version: a.version,
        bases: a.bases.map((b) => b.version),
        archives: a.archives.map((r) => r.schoolYear),
        steps: a.yearlySteps.map((s) => s.step),
        changeLines: a.auditEvents.map((e) => e.detail),
      })),
    ),
  );
  await db.$disconnect();
} else {
  console.error("usage : year-worker setup <n> <libellé> | work <total> | verify <libellé>");
  process.exit(2);
}
