// Seeds an account as it stands after the Fiches before the one a per-Fiche test walks, through the
// console's own domain functions (the same checks and journal lines as the screens), and prints it
// as JSON. Run by e2e/seed.ts in a child process, against the e2e console's database and catchers.
//   node --conditions=react-server --import tsx e2e/seed-account.ts <stage>
import { randomInt } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { provisionHostingAccount } from "@/lib/server/hosting-account/provision-hosting-account";
import { certificateCookieName, installCertificate } from "@/lib/server/sign-in/hosting/certificates";
import { acceptLicence } from "@/lib/server/hosting-account/accept-licence";
import { associateControllerDomain } from "@/lib/server/controller/associate-controller-domain";
import { associatePlanningDomain } from "@/lib/server/planning/associate-planning-domain";
import { createFirstSuperadmin } from "@/lib/server/user/create-first-superadmin";
import { updateUser } from "@/lib/server/user/update-user";
import { assignProfile } from "@/lib/server/profile/assign-profile";
import { setControllerStatus } from "@/lib/server/controller/set-controller-status";
import { setPublicUrl } from "@/lib/server/planning/service-and-publication";
import { startPersonalAccount } from "@/lib/server/sending-account/start-account";
import { secureSendingAccount, verifySendingCode } from "@/lib/server/sending-account/verify-account";
import { importPeople } from "@/lib/server/people/import-people";
import { db } from "@/lib/db";
import { gridSchema } from "@/lib/schemas/base";
import { createBase } from "@/lib/server/base/create-base";
import { defaultGrid } from "@/lib/timetable-grid";
import { schoolYearVersion } from "@/lib/product-version";
import { SEED_STAGES, type SeedStage, type SeededAccount } from "./seed-stages";

const stage = process.argv[2] as SeedStage;
/** "--open": the first planning's base is created, so that it is in service and its Espaces published. */
const open = process.argv.includes("--open");
if (!SEED_STAGES.includes(stage)) {
  console.error(`Étape inconnue : ${stage}. Étapes : ${SEED_STAGES.join(", ")}.`);
  process.exit(2);
}
const reached = (s: SeedStage) => SEED_STAGES.indexOf(s) <= SEED_STAGES.indexOf(stage);

const n = randomInt(10_000_000, 99_999_999);
// An address of its own: seeds run side by side never share a throttle's counter.
const ip = `10.77.${randomInt(0, 255)}.${randomInt(1, 255)}`;
const email = `responsable${n}@ecole.test`;
const account = await provisionHostingAccount({
  product: "PRONOTE_CAMPUS",
  establishment: `École ${n}`,
  responsibleName: "Camille Martin",
  responsibleEmail: email,
  responsibleMobile: `+336${n}`,
  licensedPlannings: 2,
});
const { accountId } = account;
const { token } = await installCertificate({
  hostingNumber: account.hostingNumber,
  password: account.consolePassword,
  invoiceNumber: account.invoiceNumber,
  ip,
  userAgent: "Playwright (compte préparé)",
});
await acceptLicence({ accountId, ip });

const ctx = { accountId, actor: "responsable", ip };
const responsible = { ...ctx, role: "HOSTING" as const, userId: null };
const plannings = await db.planning.findMany({ where: { accountId }, orderBy: { position: "asc" } });
const labels = { controller: `ecole-${n}`, plannings: plannings.map((_, i) => `ecole-planning${i + 1}-${n}`) };

if (reached("domains")) {
  await associateControllerDomain({ ...ctx, domain: labels.controller });
  for (const [i, planning] of plannings.entries()) {
    await associatePlanningDomain({ ...ctx, planningId: planning.id, domain: labels.plannings[i] });
  }
}
if (reached("superadmin")) {
  await createFirstSuperadmin(ctx, { firstName: "Pierre", lastName: "Martin", loginId: "pmartin", password: "Motdepasse2026!" });
  const superadmin = await db.controllerUser.findFirstOrThrow({ where: { accountId, loginKey: "pmartin" } });
  await updateUser(ctx, superadmin.id, { email: `pmartin${n}@ecole.test` });
  for (const planning of plannings) await assignProfile(ctx, planning.id, "ADMINISTRATION", [superadmin.id]);
}
if (reached("controller")) await setControllerStatus(ctx, true);
if (reached("espaces")) {
  await setPublicUrl(responsible, plannings[0].id, `https://${labels.plannings[0]}.pronote-campus.net/`);
}
if (open) {
  await createBase(responsible, plannings[0].id, gridSchema.parse({ ...defaultGrid(schoolYearVersion(new Date())), name: "Base" }));
}
if (reached("sender")) {
  await startPersonalAccount(responsible, { name: "Camille Martin", email });
  await verifySendingCode(responsible, await mailedCode(email));
  await secureSendingAccount(responsible, { question: "Ville de naissance", answer: "Paris" });
}
if (reached("pupils")) {
  const rows = Array.from({ length: 30 }, (_, i) => `Élève${String(i).padStart(3, "0")};Zoé;${i < 15 ? "6A" : "6B"}`);
  await importPeople(ctx, {
    population: "ELEVES",
    planningId: plannings[0].id,
    bytes: Buffer.from(["Nom;Prénom;Classe", ...rows].join("\r\n"), "utf8"),
  });
  // As SIECLE would give them (DATE_NAISS): the ENT's identity is then matched on a strong key.
  await db.espacePerson.updateMany({ where: { accountId: ctx.accountId, population: "ELEVES" }, data: { birthDate: "07/09/2014" } });
}

/** The code Fiche 10 e-mails, read where the e2e SMTP catcher keeps the mail. */
async function mailedCode(to: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mailbox = process.env.MAILBOX ?? "";
    const lines = existsSync(mailbox) ? readFileSync(mailbox, "utf8").split("\n").filter(Boolean) : [];
    for (const line of lines.reverse()) {
      const mail = JSON.parse(line) as { to: string[]; text: string };
      const code = /code dans la console d'hébergement : (\d{6})/.exec(mail.text)?.[1];
      if (code && mail.to.includes(to)) return code;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no code e-mailed to ${to}`);
}

const seeded: SeededAccount = {
  n,
  email,
  accountId,
  hostingNumber: account.hostingNumber,
  password: account.consolePassword,
  certificate: { name: certificateCookieName(accountId), token },
  labels,
  plannings: plannings.map((p) => p.name),
};
console.log(JSON.stringify(seeded));
await db.$disconnect();
