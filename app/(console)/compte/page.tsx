import type { Metadata } from "next";
import { Pagination } from "@/components/pagination";
import { requireConsolePage } from "@/lib/auth/session";
import { getConsoleOverview, listAuditEvents, listCertificates } from "@/lib/server/hosting-account/get-console-overview";
import { espacesAddress, productInfo } from "@/lib/products";
import { ResendCredentialsButton, RevokeCertificateButton, SignOutButton } from "@/components/account/account-actions";
import { describeAuditAction } from "@/lib/server/audit/actions";
import { clock } from "@/lib/clock";
import { accountVersion, preVersionNotYet, preVersionWindow } from "@/lib/product-version";
import { requestPreVersionAction } from "@/lib/actions/account";
import { ActionButton } from "@/components/action-button";
import { Fact } from "@/components/fact";
import { SecondFactorSection } from "@/components/second-factor/second-factor-section";
import { hostingOwner } from "@/lib/server/sign-in/second-factor/owner";

export const metadata: Metadata = { title: "Mon compte" };

const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

/** F11 Mon compte, and X2's journal of the account. */
export default async function AccountPage({ searchParams }: { searchParams: Promise<{ journal?: string }> }) {
  const { accountId, certificateId } = await requireConsolePage("account");
  const { journal } = await searchParams;
  const [overview, certificates, events] = await Promise.all([
    getConsoleOverview(accountId),
    listCertificates(accountId),
    listAuditEvents(accountId, Number(journal) || 1),
  ]);
  const product = productInfo(overview.product);
  const preVersion = preVersionWindow(clock.now());
  const asked = overview.preVersion === String(preVersion.version);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-brand-dark">Mon compte</h1>

      <section aria-labelledby="titre-compte" className="card text-sm">
        <h2 id="titre-compte" className="mb-2 text-lg font-semibold">
          Compte d&apos;hébergement
        </h2>
        <dl>
          <Fact label="Produit">{product.displayName}</Fact>
          <Fact label="Établissement">{overview.establishment}</Fact>
          {overview.rne && <Fact label="Code RNE/UAI">{overview.rne}</Fact>}
          <Fact label="Numéro d'hébergement">{overview.hostingNumber}</Fact>
          <Fact label="Responsable de l'hébergement">
            {overview.responsibleName} — {overview.responsibleEmail}
          </Fact>
          <Fact label="Licence">
            {overview.licensedPlannings} plannings, {overview.licensedConnections} connexions administratives simultanées
          </Fact>
          {overview.licenceAcceptedAt && (
            <Fact label="Contrat de licence">
              accepté le {dateTime.format(overview.licenceAcceptedAt)} (version {overview.licenceVersion})
            </Fact>
          )}
          {overview.plannings.map((planning) => (
            <Fact key={planning.id} label={`Adresse des Espaces (${planning.name})`}>
              {planning.publicUrl ??
                espacesAddress(overview.product, planning.domain?.fqdn ?? null, overview.rne) ??
                "Associez d'abord un nom de domaine au planning."}
            </Fact>
          ))}
        </dl>
        <div className="mt-4 flex flex-wrap items-start gap-3">
          <ResendCredentialsButton />
          <SignOutButton />
        </div>
      </section>

      <SecondFactorSection owner={hostingOwner(accountId)} />

      <section aria-labelledby="titre-version" className="card space-y-2 text-sm">
        <h2 id="titre-version" className="text-lg font-semibold">
          Changement de version
        </h2>
        <p>
          Version en service :{" "}
          <strong>
            {product.displayName} {accountVersion(overview, clock.now())}
          </strong>
        </p>
        <p className="text-slate-700">
          Le passage à la nouvelle version et la création d&apos;une nouvelle base vide sont automatiques fin août. Vous pouvez demander le
          passage à la préversion début juillet.
        </p>
        {asked && overview.preVersionRequestedAt && (
          <p className="font-semibold text-ok">
            Passage à la préversion {overview.preVersion} demandé le {dateTime.format(overview.preVersionRequestedAt)}.
          </p>
        )}
        {!asked &&
          (preVersion.open ? (
            <ActionButton action={requestPreVersionAction} input={{}} primary>
              Demander le passage à la préversion {preVersion.version}
            </ActionButton>
          ) : (
            <p>{preVersionNotYet(preVersion)}</p>
          ))}
      </section>

      <section aria-labelledby="titre-certificats" className="card text-sm">
        <h2 id="titre-certificats" className="mb-2 text-lg font-semibold">
          Certificats installés
        </h2>
        <table className="w-full text-left">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1">
                Navigateur
              </th>
              <th scope="col">Installé le</th>
              <th scope="col">Dernière utilisation</th>
              <th scope="col">État</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {certificates.map((c) => (
              <tr key={c.id} className="border-b border-slate-200">
                <td className="py-2">
                  {c.label}
                  {c.id === certificateId && " (ce navigateur)"}
                </td>
                <td>{dateTime.format(c.createdAt)}</td>
                <td>{dateTime.format(c.lastUsedAt)}</td>
                <td>{c.revokedAt ? `Révoqué le ${dateTime.format(c.revokedAt)}` : "Actif"}</td>
                <td className="text-right">{!c.revokedAt && <RevokeCertificateButton certificateId={c.id} label={c.label} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="titre-journal" className="card text-sm">
        <div className="mb-2 flex items-center justify-between">
          <h2 id="titre-journal" className="text-lg font-semibold">
            Journal des actions
          </h2>
          <a className="btn-secondary" href="/api/journal" download>
            Exporter le journal (CSV)
          </a>
        </div>
        <table className="w-full text-left">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1">
                Date
              </th>
              <th scope="col">Qui</th>
              <th scope="col">Quoi</th>
              <th scope="col">Détail</th>
              <th scope="col">Depuis</th>
            </tr>
          </thead>
          <tbody>
            {events.rows.map((e) => (
              <tr key={e.id} className="border-b border-slate-200">
                <td className="py-1">{dateTime.format(e.createdAt)}</td>
                <td>{e.actor}</td>
                <td>{describeAuditAction(e.action)}</td>
                <td>{e.detail}</td>
                <td>{e.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-2">
          <Pagination label="Pages du journal" page={events.page} pageCount={events.pageCount} param="journal" />
        </div>
      </section>
    </div>
  );
}
