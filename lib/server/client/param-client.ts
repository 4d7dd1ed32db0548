import "server-only";
import { db } from "@/lib/db";
import { productInfo } from "@/lib/products";
import { clock } from "@/lib/clock";
import { accountVersion } from "@/lib/product-version";
import { AppError, notFound } from "@/lib/server/errors";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Actor } from "@/lib/server/actor";

export const PARAM_CLIENT_FILENAME = "ParamClient.ini";

export type ParamClient = {
  product: string;
  version: string;
  hostingNumber: string;
  establishment: string;
  controllerDomain: string;
  controllerPort: number;
};

const oneLine = (value: string) => value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();

/**
 * F10 "Appliquez les paramètres de connexion": the ParamClient file the Client reads to connect to
 * the controller ("Connexion au contrôleur", domain and TCP port already filled in). An INI file in
 * UTF-8 with Windows line ends; it names the account, never a password:
 *
 *   [Client]      Produit (code), NomProduit, Version
 *   [Connexion]   Mode=Controleur, Adresse (controller's domain), PortTCP, CompteHebergement, Etablissement
 */
export function formatParamClient(p: ParamClient): string {
  const name = productInfo(p.product).displayName;
  return [
    `; ParamClient — paramètres de connexion du Client ${name}`,
    "; Double-cliquez sur ce fichier sur un poste où le Client est installé. Il ne contient aucun mot de passe.",
    "[Client]",
    `Produit=${p.product}`,
    `NomProduit=${name}`,
    `Version=${p.version}`,
    "",
    "[Connexion]",
    "Mode=Controleur",
    `Adresse=${oneLine(p.controllerDomain)}`,
    `PortTCP=${p.controllerPort}`,
    `CompteHebergement=${p.hostingNumber}`,
    `Etablissement=${oneLine(p.establishment)}`,
    "",
  ].join("\r\n");
}

/** The caller's own account's parameters; refused, with the step named, before the controller has a domain. */
export async function paramClientOf(ctx: Actor) {
  const account = await db.hostingAccount.findUnique({
    where: { id: ctx.accountId },
    select: { product: true, hostingNumber: true, establishment: true, preVersion: true, controller: { include: { domain: true } } },
  });
  if (!account?.controller) throw notFound();
  if (!account.controller.domain) {
    throw new AppError(
      "NO_DOMAIN",
      "Le contrôleur n'a pas encore de nom de domaine : le responsable de l'hébergement doit l'associer dans le volet Configuration (Fiche n°3).",
    );
  }
  await recordAuditEvent({ ...ctx, action: "client.param-client", detail: account.controller.domain.fqdn });
  return formatParamClient({
    product: account.product,
    version: accountVersion(account, clock.now()),
    hostingNumber: account.hostingNumber,
    establishment: account.establishment,
    controllerDomain: account.controller.domain.fqdn,
    controllerPort: account.controller.port,
  });
}
