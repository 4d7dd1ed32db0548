import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/action-button";
import { Fact } from "@/components/fact";
import { OperatorBar } from "@/components/operator/operator-bar";
import { Pagination } from "@/components/pagination";
import { requireOperatorPage } from "@/lib/auth/operator";
import {
  operatorResendCredentialsAction,
  operatorResetConsolePasswordAction,
  operatorResetSecondFactorAction,
} from "@/lib/actions/operator";
import { describeAuditAction } from "@/lib/server/audit/actions";
import { AppError } from "@/lib/server/errors";
import { accountForOperator, journalForOperator } from "@/lib/server/operator/account-page";
import { operatorCan } from "@/lib/server/operator/permissions";
import { productInfo, type Product } from "@/lib/products";
import { populationLabel, type Population } from "@/lib/letters/original-models";

export const metadata: Metadata = { title: "Espace de l'hébergeur — Compte d'hébergement" };

const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

/** One school as the provider's support sees it: facts and counts, its journal read-only, the actions of his role. */
export default async function OperatorAccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<{ journal?: string }>;
}) {
  const operator = await requireOperatorPage("accounts.read");
  const { accountId } = await params;
  const { journal: journalPage } = await searchParams;
  const account = await accountForOperator(accountId).catch((error) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const journal = await journalForOperator(accountId, Number(journalPage) || 1);
  const may = (permission: Parameters<typeof operatorCan>[1]) => operatorCan(operator.role, permission);
  return (
    <main id="contenu" className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <OperatorBar operator={operator} />
      <nav aria-label="Fil d'Ariane" className="text-sm">
        <Link href="/operateur" className="underline">
          Comptes d&apos;hébergement
        </Link>{" "}
        › {account.establishment}
      </nav>
      <h1 className="text-2xl font-bold text-brand-dark">{account.establishment}</h1>
      <section aria-labelledby="titre-compte" className="card text-sm">
        <h2 id="titre-compte" className="mb-2 text-lg font-semibold">
          Compte d&apos;hébergement
        </h2>
        <dl>
          <Fact label="Produit">{productInfo(account.product as Product).displayName}</Fact>
          <Fact label="Code RNE/UAI">{account.rne ?? "—"}</Fact>
          <Fact label="Numéro d'hébergement">{account.hostingNumber}</Fact>
          <Fact label="Responsable de l'hébergement">
            {account.responsibleName} — {account.responsibleEmail}
          </Fact>
          <Fact label="Ouvert le">{dateTime.format(account.createdAt)}</Fact>
          <Fact label="Contrat de licence">
            {account.licenceAcceptedAt ? `accepté le ${dateTime.format(account.licenceAcceptedAt)}` : "non accepté"}
          </Fact>
          <Fact label="Licence">
            {account.licensedPlannings} plannings, {account.licensedConnections} connexions administratives simultanées
          </Fact>
          <Fact label="Version">
            {account.version ?? "—"}
            {account.preVersion ? ` (pré-version ${account.preVersion} demandée)` : ""}
          </Fact>
          <Fact label="Contrôleur">
            {account.controller?.domain?.fqdn ?? "sans nom de domaine"} : {account.controller?.port} —{" "}
            {account.controller?.status === "RUNNING" ? "En service" : "Arrêté"}
          </Fact>
          {account.plannings.map((p) => (
            <Fact key={p.id} label={`Planning ${p.name}`}>
              {p.domain?.fqdn ?? "sans nom de domaine"} : {p.port} — {p.status === "RUNNING" ? "En service" : "Arrêté"} —{" "}
              {p.base ? `base ${p.base.name}` : "aucune base chargée"}
            </Fact>
          ))}
          <Fact label="Utilisateurs du contrôleur">{account.counts.users}</Fact>
          <Fact label="Personnes des Espaces">
            {Object.entries(account.counts.people)
              .map(([population, n]) => `${populationLabel(account.product, population as Population)} : ${n}`)
              .join(", ") || "aucune"}
          </Fact>
          <Fact label="Envois de courriers">{account.counts.batches}</Fact>
          <Fact label="Double authentification du responsable">{account.hostingFactor ? "activée" : "non activée"}</Fact>
        </dl>
        <div className="mt-4 flex flex-wrap items-start gap-3">
          {may("credentials.resend") && (
            <ActionButton action={operatorResendCredentialsAction} input={{ accountId }}>
              Renvoyer les identifiants d&apos;hébergement
            </ActionButton>
          )}
          {may("console-password.reset") && (
            <ActionButton action={operatorResetConsolePasswordAction} input={{ accountId }}>
              Réinitialiser le mot de passe de la console
            </ActionButton>
          )}
          {may("second-factor.reset") && account.hostingFactor && (
            <ActionButton action={operatorResetSecondFactorAction} input={{ accountId }}>
              Réinitialiser la double authentification du responsable
            </ActionButton>
          )}
        </div>
      </section>
      <section aria-labelledby="titre-superadmins" className="card text-sm">
        <h2 id="titre-superadmins" className="mb-2 text-lg font-semibold">
          Superadministrateurs
        </h2>
        <ul className="space-y-2">
          {account.superadmins.map((u) => (
            <li key={u.id} className="flex flex-wrap items-start gap-3">
              <span>
                {u.loginId} — double authentification {u.factor ? "activée" : "non activée"}
              </span>
              {may("second-factor.reset") && u.factor && (
                <ActionButton action={operatorResetSecondFactorAction} input={{ accountId, userId: u.id }}>
                  Réinitialiser sa double authentification<span className="sr-only"> ({u.loginId})</span>
                </ActionButton>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="titre-journal" className="card text-sm">
        <h2 id="titre-journal" className="mb-2 text-lg font-semibold">
          Journal de l&apos;établissement
        </h2>
        <table className="w-full text-left">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col">Date</th>
              <th scope="col">Qui</th>
              <th scope="col">Action</th>
              <th scope="col">Détail</th>
            </tr>
          </thead>
          <tbody>
            {journal.rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-200">
                <td className="py-1">{dateTime.format(row.createdAt)}</td>
                <td>{row.actor}</td>
                <td>{describeAuditAction(row.action)}</td>
                <td>{row.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pagination label="Pages du journal" page={journal.page} pageCount={journal.pageCount} param="journal" />
      </section>
    </main>
  );
}
