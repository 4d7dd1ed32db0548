// bench/load's account, written before the console starts (SQLite wants one writer): provisioned,
// its certificate installed and its licence accepted, as after Fiche 2. Prints what a browser holds.
import { provisionHostingAccount } from "@/lib/server/hosting-account/provision-hosting-account";
import { certificateCookieName, installCertificate } from "@/lib/server/sign-in/hosting/certificates";
import { acceptLicence } from "@/lib/server/hosting-account/accept-licence";
import { db } from "@/lib/db";

const account = await provisionHostingAccount({
  product: "PRONOTE_CAMPUS",
  establishment: "Lycée de la charge",
  responsibleName: "Camille Charge",
  responsibleEmail: "charge@ecole.test",
  responsibleMobile: "+33600000001",
  licensedPlannings: 2,
});
const attempt = { hostingNumber: account.hostingNumber, password: account.consolePassword, ip: "127.0.0.1" };
const { token } = await installCertificate({ ...attempt, invoiceNumber: account.invoiceNumber, userAgent: "bench" });
await acceptLicence({ accountId: account.accountId, ip: "127.0.0.1" });
await db.$disconnect();
console.log(
  JSON.stringify({
    hostingNumber: account.hostingNumber,
    password: account.consolePassword,
    certificateCookie: `${certificateCookieName(account.accountId)}=${encodeURIComponent(token)}`,
  }),
);
