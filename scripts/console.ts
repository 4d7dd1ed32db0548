// F1: the operator's command line. Run as `npm run console -- <command> [options]`.
import { parseArgs } from "node:util";
import { z } from "zod";
import { provisionHostingAccount } from "@/lib/server/hosting-account/provision-hosting-account";
import { resetConsolePassword } from "@/lib/server/hosting-account/reset-console-password";
import { readMailbox, readSmsOutbox } from "@/lib/dev/outboxes";
import { AppError } from "@/lib/server/errors";
import { productInfo } from "@/lib/products";
import type { Delivery } from "@/lib/server/hosting-account/credential-messages";
import { db } from "@/lib/db";
import { createOperator } from "@/lib/server/operator/create-operator";
import { hostingOwner, userOwner } from "@/lib/server/sign-in/second-factor/owner";
import { resetSecondFactor } from "@/lib/server/sign-in/second-factor/reset-second-factor";

const HELP = `Console d'hébergement — commandes de l'opérateur

  npm run console -- provision --product <PRONOTE_CAMPUS|HYPERPLANNING|PRONOTE> \\
      --establishment "<nom>" [--rne <7 chiffres + 1 lettre>] \\
      --name "<responsable>" --email <adresse> --mobile <numéro> \\
      [--plannings 2] [--connections 4]
      Ouvre un compte d'hébergement : numéro d'hébergement et numéro de facture par e-mail,
      mot de passe de la console par SMS. Le RNE/UAI est obligatoire pour PRONOTE.

  npm run console -- reset-password --hosting-number <12 chiffres>
      Réinitialise le mot de passe de la console (nouveau mot de passe par SMS) et ferme les
      sessions ouvertes du compte.

  npm run console -- operator add --email <adresse> --name "<nom>" [--role support|administration]
      Ajoute un opérateur de l'hébergeur (le premier : rôle administration par défaut). Son mot de
      passe est affiché une seule fois ; à sa première connexion sur /operateur/connexion, il ajoute
      son application d'authentification (double authentification obligatoire).

  npm run console -- reset-second-factor --hosting-number <12 chiffres> [--login <identifiant>]
      Appareil perdu sans ses codes de secours : retire la double authentification du responsable
      de l'hébergement (ou, avec --login, d'un utilisateur du contrôleur) et ferme ses sessions.
      Écrit dans le journal de l'établissement.

  npm run console -- outbox [--last 5]
      Développement uniquement : les derniers e-mails reçus par le récepteur SMTP local et les
      derniers SMS du fichier d'envoi.

Variables : DATABASE_URL, SMTP_URL, MAIL_FROM, SMS_TRANSPORT (file|http), SMS_OUTBOX,
SMS_HTTP_URL, SMS_HTTP_TOKEN, NEXTAUTH_URL (adresse de la console écrite dans les e-mails).`;

const production = process.env.NODE_ENV === "production";

function describe(delivery: Delivery, what: string): string {
  return delivery.sent ? `${what} : envoyé` : `${what} : ÉCHEC de l'envoi (${delivery.error})`;
}

async function operator(action: string | undefined, values: Record<string, string | undefined>) {
  if (action !== "add") {
    console.error('usage : npm run console -- operator add --email <adresse> --name "<nom>" [--role support|administration]');
    return 2;
  }
  const role = (values.role ?? "administration").toUpperCase();
  const created = await createOperator(
    { email: values.email ?? "", name: values.name ?? "", role: role as never },
    { actor: "console (ligne de commande)" },
  );
  console.log(`Opérateur ajouté : ${created.name} <${created.email}> (${created.role === "SUPPORT" ? "support" : "administration"})`);
  console.log(`Mot de passe (affiché une seule fois) : ${created.password}`);
  console.log("À la première connexion sur /operateur/connexion : ajout de l'application d'authentification.");
  return 0;
}

async function resetFactor(values: Record<string, string | undefined>) {
  const account = await db.hostingAccount.findUnique({ where: { hostingNumber: values["hosting-number"] ?? "" }, select: { id: true } });
  if (!account) {
    console.error("Erreur : aucun compte d'hébergement n'a ce numéro.");
    return 1;
  }
  let owner = hostingOwner(account.id);
  if (values.login) {
    const user = await db.controllerUser.findUnique({
      where: { accountId_loginKey: { accountId: account.id, loginKey: values.login.trim().toLowerCase() } },
      select: { id: true, accountId: true, loginId: true },
    });
    if (!user) {
      console.error("Erreur : aucun utilisateur du contrôleur n'a cet identifiant dans ce compte.");
      return 1;
    }
    owner = userOwner(user);
  }
  const { removed } = await resetSecondFactor(owner, { actor: "hébergeur (ligne de commande)" });
  console.log(
    `Double authentification réinitialisée (${removed} application${removed > 1 ? "s" : ""} retirée${removed > 1 ? "s" : ""}) ; ses sessions sont fermées.`,
  );
  return 0;
}

async function provision(values: Record<string, string | undefined>) {
  const result = await provisionHostingAccount({
    product: values.product as never,
    establishment: values.establishment ?? "",
    rne: values.rne || undefined,
    responsibleName: values.name ?? "",
    responsibleEmail: values.email ?? "",
    responsibleMobile: values.mobile ?? "",
    licensedPlannings: values.plannings ?? 2,
    licensedConnections: values.connections ?? 4,
  });
  console.log(`Compte d'hébergement ${productInfo(values.product!).displayName} ouvert.`);
  console.log(`  Numéro d'hébergement : ${result.hostingNumber}`);
  if (!production) {
    console.log(`  Numéro de facture : ${result.invoiceNumber}`);
    console.log(`  Mot de passe de la console : ${result.consolePassword}  (affiché en développement uniquement)`);
  }
  console.log(`  ${describe(result.email, "E-mail (numéros d'hébergement et de facture)")}`);
  console.log(`  ${describe(result.sms, "SMS (mot de passe de la console)")}`);
  return result.email.sent && result.sms.sent ? 0 : 3;
}

async function resetPassword(values: Record<string, string | undefined>) {
  const hostingNumber = z
    .string()
    .regex(/^\d{12}$/, "--hosting-number : 12 chiffres")
    .parse(values["hosting-number"]);
  const result = await resetConsolePassword(hostingNumber);
  console.log("Mot de passe de la console réinitialisé ; les sessions ouvertes sont fermées.");
  if (!production) console.log(`  Nouveau mot de passe : ${result.consolePassword}  (affiché en développement uniquement)`);
  console.log(`  ${describe(result.sms, "SMS (nouveau mot de passe)")}`);
  return result.sms.sent ? 0 : 3;
}

function outbox(values: Record<string, string | undefined>) {
  if (production) {
    console.error("La commande outbox n'existe qu'en développement.");
    return 2;
  }
  const last = Number(values.last ?? 5);
  console.log("— E-mails (récepteur SMTP local) —");
  for (const mail of readMailbox().slice(-last)) {
    console.log(`\n[${mail.receivedAt}] À : ${mail.to.join(", ")}\nObjet : ${mail.subject}\n\n${mail.text}`);
  }
  console.log("\n— SMS —");
  for (const sms of readSmsOutbox().slice(-last)) console.log(`[${sms.sentAt}] À : ${sms.to}\n${sms.text}`);
  return 0;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      product: { type: "string" },
      establishment: { type: "string" },
      rne: { type: "string" },
      name: { type: "string" },
      email: { type: "string" },
      mobile: { type: "string" },
      plannings: { type: "string" },
      connections: { type: "string" },
      "hosting-number": { type: "string" },
      last: { type: "string" },
      role: { type: "string" },
      login: { type: "string" },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const options = values as Record<string, string | undefined>;
  if (command === "provision") return provision(options);
  if (command === "reset-password") return resetPassword(options);
  if (command === "outbox") return outbox(options);
  if (command === "operator") return operator(positionals[1], options);
  if (command === "reset-second-factor") return resetFactor(options);
  console.error(`Commande inconnue : ${command}\n\n${HELP}`);
  return 2;
}

main()
  .then((code) => (process.exitCode = code))
  .catch((error) => {
    if (error instanceof z.ZodError) {
      for (const issue of error.issues) console.error(`Erreur : ${issue.message}`);
    } else if (error instanceof AppError) {
      console.error(`Erreur : ${error.message}`);
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
