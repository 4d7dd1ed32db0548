// bench/rentree's writes, each in a short process of its own beside the console (SQLite wants one
// long-lived writer: the console). `prepare`: an account as after Fiches 1–10 (certificate, licence,
// domains, controller in service, a ready sending account), then the imports, timed. `batch
// <population> <PDF|EMAIL>`: "Imprimer / Générer / Mailer" for the whole population.
import { provisionHostingAccount } from "@/lib/server/hosting-account/provision-hosting-account";
import { certificateCookieName, installCertificate } from "@/lib/server/sign-in/hosting/certificates";
import { acceptLicence } from "@/lib/server/hosting-account/accept-licence";
import { importPeople } from "@/lib/server/people/import-people";
import { startLetterBatch } from "@/lib/server/letters/letter-batches";
import { listLetterModels } from "@/lib/server/letters/letter-models";
import { jobs } from "@/lib/server/jobs/engine";
import type { Population } from "@/lib/letters/original-models";
import { db } from "@/lib/db";

const [command, ...args] = process.argv.slice(2);
const ctx = (accountId: string) => ({ accountId, role: "HOSTING" as const, userId: null, actor: "responsable", ip: "127.0.0.1" });

/** An account as after Fiche 2: provisioned, its certificate installed, its licence accepted. */
async function signedInAccount(establishment: string, email: string, mobile: string) {
  const account = await provisionHostingAccount({
    product: "PRONOTE_CAMPUS",
    establishment,
    responsibleName: "Camille Rentrée",
    responsibleEmail: email,
    responsibleMobile: mobile,
    licensedPlannings: 2,
  });
  const attempt = { hostingNumber: account.hostingNumber, password: account.consolePassword, ip: "127.0.0.1" };
  const { token } = await installCertificate({ ...attempt, invoiceNumber: account.invoiceNumber, userAgent: "bench" });
  await acceptLicence({ accountId: account.accountId, ip: "127.0.0.1" });
  return {
    account,
    browser: {
      hostingNumber: account.hostingNumber,
      password: account.consolePassword,
      certificateCookie: `${certificateCookieName(account.accountId)}=${encodeURIComponent(token)}`,
    },
  };
}

async function prepare(counts: { pupils: number; parents: number; staff: number }) {
  const empty = await signedInAccount("Collège sans élèves", "vide@ecole.test", "+33600000004");
  const { account, browser } = await signedInAccount("Lycée de la rentrée", "rentree@ecole.test", "+33600000002");
  const { accountId } = account;
  const controller = await db.controller.update({ where: { accountId }, data: { status: "RUNNING" } });
  await db.domain.create({ data: { accountId, controllerId: controller.id, fqdn: `rentree-${accountId}.pronote-campus.net` } });
  const planning = await db.planning.findFirstOrThrow({ where: { accountId }, orderBy: { position: "asc" } });
  await db.domain.create({ data: { accountId, planningId: planning.id, fqdn: `espaces-${accountId}.pronote-campus.net` } });
  await db.sendingAccount.create({
    data: {
      accountId,
      kind: "PERSONAL",
      ownerKey: "responsable",
      name: "Secrétariat",
      email: "secretariat@ecole.test",
      verifiedAt: new Date(),
      readyAt: new Date(),
    },
  });

  const csv = (header: string, rows: string[]) => Buffer.from([header, ...rows].join("\r\n"));
  const files: [Population, number, Buffer][] = [
    [
      "ELEVES",
      counts.pupils,
      csv(
        "Nom;Prénom;Classe",
        Array.from({ length: counts.pupils }, (_, i) => `Élève${i};Zoé;${`2nde${Math.floor(i / 35)}`}`),
      ),
    ],
    [
      "RESPONSABLES",
      counts.parents,
      csv(
        "Civilité;Nom;Prénom;E-mail",
        Array.from({ length: counts.parents }, (_, i) => `${i % 2 ? "M." : "Mme"};Parent${i};Camille;parent${i}@famille.test`),
      ),
    ],
    [
      "PERSONNELS",
      counts.staff,
      csv(
        "Nom;Prénom;E-mail",
        Array.from({ length: counts.staff }, (_, i) => `Agent${i};Claude;agent${i}@lycee.test`),
      ),
    ],
  ];
  const imports = [];
  for (const [population, count, bytes] of files) {
    const started = performance.now();
    const { imported } = await importPeople(ctx(accountId), { population, planningId: planning.id, bytes });
    if (imported !== count) throw new Error(`${population}: ${imported} / ${count}`);
    imports.push({ population, count, ms: performance.now() - started });
  }
  return {
    accountId,
    account: browser,
    empty: empty.browser,
    imports,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

async function batch(accountId: string, population: Population, output: "PDF" | "EMAIL") {
  const model = (await listLetterModels(accountId)).find((m) => m.population === population)!;
  const started = await startLetterBatch(ctx(accountId), {
    requestKey: crypto.randomUUID(),
    population,
    modelId: model.id,
    output,
    attachPdf: output === "EMAIL",
    withQr: true,
    selection: { filter: {} },
  });
  return started;
}

const result =
  command === "prepare"
    ? await prepare({ pupils: Number(args[0]), parents: Number(args[1]), staff: Number(args[2]) })
    : await batch(args[0], args[1] as Population, args[2] as "PDF" | "EMAIL");
await jobs().stop();
await db.$disconnect();
console.log(JSON.stringify(result));
