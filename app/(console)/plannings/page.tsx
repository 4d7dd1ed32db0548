import type { Metadata } from "next";
import Link from "next/link";
import { requireConsolePage } from "@/lib/auth/session";
import { getConsoleOverview } from "@/lib/server/hosting-account/get-console-overview";
import { listAdministeredPlannings } from "@/lib/server/planning/administered-planning";
import { espacesAddress, productInfo } from "@/lib/products";
import { clock } from "@/lib/clock";
import { accountVersion } from "@/lib/product-version";
import { RESOURCE_COUNTERS, readResources, resourceLabel } from "@/lib/base-resources";
import { dayLabel, decodeWorkingDays, defaultGrid, formatDuration, splitLabel, WEEKDAYS, weeksBetween } from "@/lib/timetable-grid";
import { setPlanningPublishedAction, setPlanningRunningAction } from "@/lib/actions/plannings";
import { TabNav } from "@/components/tab-nav";
import { StatusBadge } from "@/components/status-badge";
import { ActionButton } from "@/components/action-button";
import { CreateBaseDialog } from "@/components/plannings/create-base-dialog";
import { LoadBaseDialog } from "@/components/plannings/load-base-dialog";
import { PublicationNameForm, PublicUrlForm } from "@/components/plannings/planning-text-forms";
import { EntIntegration } from "@/components/plannings/ent-integration";
import { entRefusals, readEnt } from "@/lib/server/planning/ent-settings";
import { GuideSignpost } from "@/components/guide-signpost";
import { PlanningArchives } from "@/components/plannings/archives";
import { listArchives, nextYearBaseOffer } from "@/lib/server/school-year/planning-archives";
import { recoverableArchives } from "@/lib/server/school-year/recover-year";

export const metadata: Metadata = { title: "Mes plannings" };

type Planning = Awaited<ReturnType<typeof listAdministeredPlannings>>[number];
type Search = { planning?: string; onglet?: string };

function lastEdited(date: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("fr-FR", {
    timeZone,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
  return parts.replace(",", "");
}

/** F7–F9: the plannings the caller administers, each with its server and .net tabs. */
export default async function PlanningsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const context = await requireConsolePage("plannings");
  const [overview, plannings, search] = await Promise.all([
    getConsoleOverview(context.accountId),
    listAdministeredPlannings(context),
    searchParams,
  ]);
  const product = productInfo(overview.product);

  if (plannings.length === 0) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-bold text-brand-dark">Mes plannings</h1>
        <p className="card">
          Vous n&apos;êtes dans le profil Administration d&apos;aucun planning. Un superadministrateur peut vous y affecter depuis le volet
          Contrôleur, onglet « Affectation dans les profils ».
        </p>
      </div>
    );
  }

  const planning = plannings.find((p) => p.id === search.planning) ?? plannings[0];
  const tab = search.onglet === "net" ? "net" : "serveur";
  const version = accountVersion(overview, clock.now());
  const tabs = [
    { id: "serveur", label: `${product.displayName} serveur` },
    { id: "net", label: product.netName },
  ];

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-brand-dark">Mes plannings</h1>
      <nav aria-label="Plannings" className="flex flex-wrap gap-2">
        {plannings.map((p) => (
          <Link
            key={p.id}
            href={`/plannings?planning=${p.id}&onglet=${tab}`}
            aria-current={p.id === planning.id ? "page" : undefined}
            className={`flex items-center gap-2 rounded-md border px-3 py-2 text-sm font-semibold ${
              p.id === planning.id ? "border-brand bg-brand text-white" : "border-slate-300 bg-white text-brand-dark hover:bg-slate-100"
            }`}
          >
            {p.name}
            <span className="font-normal">— {p.status === "RUNNING" ? "En service" : "Arrêté"}</span>
          </Link>
        ))}
      </nav>

      <section aria-labelledby="titre-planning" className="card space-y-4">
        <h2 id="titre-planning" className="text-lg font-semibold">
          Administration du planning {planning.name}
        </h2>
        <TabNav
          label="Onglets du planning"
          tabs={tabs.map((t) => ({ href: `/plannings?planning=${planning.id}&onglet=${t.id}`, label: t.label, current: t.id === tab }))}
        />
        {tab === "serveur" ? (
          <>
            <ServerTab planning={planning} product={overview.product} version={version} />
            <PlanningArchives
              planningId={planning.id}
              archives={await listArchives(context, planning.id)}
              recoverable={await recoverableArchives(context, planning.id)}
              timeZone={planning.timeZone}
              nextYear={nextYearBaseOffer(overview, planning.base, clock.now())}
            />
          </>
        ) : (
          <NetTab planning={planning} product={overview.product} rne={overview.rne} refusals={await entRefusals(context.accountId)} />
        )}
      </section>
    </div>
  );
}

function ServerTab({ planning, product, version }: { planning: Planning; product: string; version: string }) {
  const running = planning.status === "RUNNING";
  const base = planning.base;
  const resources = base ? readResources(base.resources) : null;
  return (
    <div className="space-y-5">
      <PublicationNameForm
        key={planning.publicationName ?? planning.name}
        planningId={planning.id}
        value={planning.publicationName ?? planning.name}
      />
      <p className="text-sm text-slate-600">
        Le Nom de publication est le nom vu par les utilisateurs. Par défaut, c&apos;est celui du planning.
      </p>

      <div className="flex flex-wrap items-start gap-4">
        <ActionButton
          key={`${planning.id}-${base !== null}-${planning.domain !== null}`}
          action={setPlanningRunningAction}
          input={{ planningId: planning.id, running: !running }}
          primary={!running}
        >
          {running ? "Arrêter le serveur" : "Mettre en service"}
        </ActionButton>
        <StatusBadge on={running}>{running ? "En service" : "Arrêté"}</StatusBadge>
        <div className="text-sm">
          <p className="font-semibold">Base en cours : {base ? base.name : "Aucune base chargée"}</p>
          {base && <p>Dernière saisie le {lastEdited(base.lastEditedAt, planning.timeZone)}</p>}
        </div>
      </div>

      <div className="flex flex-wrap items-start gap-2">
        <LoadBaseDialog planningId={planning.id} planningName={planning.name} running={running} />
        <CreateBaseDialog
          planningId={planning.id}
          planningName={planning.name}
          defaults={defaultGrid(Number(version))}
          replaces={base?.name ?? null}
          running={running}
        />
        {base ? (
          <a className="btn-secondary" href={`/api/plannings/${planning.id}/base`} download>
            Transférer la base
          </a>
        ) : (
          <button type="button" className="btn-secondary" disabled aria-describedby="sans-base">
            Transférer la base
          </button>
        )}
      </div>
      {!base && (
        <p id="sans-base" className="text-sm text-slate-600">
          Aucune base chargée : « Créer une base » paramètre la grille horaire et met la base en service.
        </p>
      )}

      {base && (
        <>
          <section aria-labelledby="titre-grille" className="space-y-1 text-sm">
            <h3 id="titre-grille" className="font-semibold">
              Grille horaire
            </h3>
            <p>
              Du {dayLabel(base.firstMonday)} au {dayLabel(base.lastSunday)} ({weeksBetween(base.firstMonday, base.lastSunday)} semaines),
              jours ouvrés :{" "}
              {decodeWorkingDays(base.workingDays)
                .map((d) => WEEKDAYS[d - 1]?.short)
                .join(" ")}
            </p>
            <p>
              {base.sequencesPerDay} séquences de {formatDuration(base.sequenceMinutes)} (journée de{" "}
              {formatDuration(base.sequencesPerDay * base.sequenceMinutes)}), découpage {splitLabel(base.split)}, pas horaire de{" "}
              {formatDuration(base.sequenceMinutes / base.split)} — version {base.version}
            </p>
          </section>
          <section aria-labelledby="titre-ressources" className="space-y-2">
            <h3 id="titre-ressources" className="font-semibold">
              Ressources
            </h3>
            <ul className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
              {RESOURCE_COUNTERS.map(([key]) => (
                <li key={key}>
                  {resources![key]} {resourceLabel(product, key)}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}

function NetTab({
  planning,
  product,
  rne,
  refusals,
}: {
  planning: Planning;
  product: string;
  rne: string | null;
  refusals: Awaited<ReturnType<typeof entRefusals>>;
}) {
  const info = productInfo(product);
  const published = planning.publication === "PUBLISHED";
  const fallback = espacesAddress(product, planning.domain?.fqdn ?? null, rne);
  const address = planning.publicUrl ?? fallback;
  if (!planning.netLicence) {
    return (
      <p className="text-sm">
        La licence {info.netName} n&apos;est pas activée pour ce planning. Pour publier les données sur Internet, le responsable de
        l&apos;hébergement doit cocher « Activer une licence {info.netName} » dans le volet Configuration.
      </p>
    );
  }
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start gap-4">
        <ActionButton action={setPlanningPublishedAction} input={{ planningId: planning.id, published: !published }} primary={!published}>
          {published ? "Arrêter la publication" : "Publier"}
        </ActionButton>
        <StatusBadge on={published}>{published ? "Publié" : "Non Publié"}</StatusBadge>
      </div>
      <div className="text-sm">
        <p className="font-semibold">Adresse des Espaces</p>
        {address ? (
          published ? (
            <a className="text-brand underline" href={address} rel="noreferrer" target="_blank">
              {address}
            </a>
          ) : (
            <p>{address} (non publiée)</p>
          )
        ) : (
          <p>Le planning n&apos;a pas encore de nom de domaine (Fiche n°3).</p>
        )}
      </div>
      <GuideSignpost path="publication-espaces" />
      <div id="url-publique">
        <PublicUrlForm
          key={planning.publicUrl ?? "defaut"}
          planningId={planning.id}
          value={address ?? ""}
          hint={fallback ? `Par défaut : ${fallback}` : undefined}
        />
      </div>
      <EntIntegration
        key={`${planning.id}-${published}`}
        planningId={planning.id}
        saved={readEnt(planning.entSettings)}
        published={published}
        refusals={refusals}
        productName={info.displayName}
      />
    </div>
  );
}
