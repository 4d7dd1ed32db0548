import type { Metadata } from "next";
import { requireConsolePage } from "@/lib/auth/session";
import { getConsoleOverview } from "@/lib/server/hosting-account/get-console-overview";
import { productInfo } from "@/lib/products";
import { timeZoneOptions } from "@/lib/time-zones";
import { StatusBadge } from "@/components/status-badge";
import { DomainForm } from "@/components/configuration/domain-form";
import { NetLicenceBox, PlanningNameForm, TimeZoneSelect } from "@/components/configuration/planning-settings";

export const metadata: Metadata = { title: "Configuration" };

/** F3: only the hosting responsible reaches this panel. */
export default async function ConfigurationPage() {
  const { accountId } = await requireConsolePage("configuration");
  const overview = await getConsoleOverview(accountId);
  const product = productInfo(overview.product);
  const zones = timeZoneOptions().map(({ value, label }) => ({ value, label }));
  const { controller } = overview;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-brand-dark">Configuration</h1>

      <section aria-labelledby="titre-controleur" className="card space-y-3">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="titre-controleur" className="text-lg font-semibold">
            Contrôleur {product.displayName}
          </h2>
          <StatusBadge on={controller.status === "RUNNING"}>{controller.status === "RUNNING" ? "En service" : "Arrêté"}</StatusBadge>
        </div>
        <DomainForm
          key={controller.domain?.fqdn ?? "none"}
          target={{ kind: "controller" }}
          suffix={product.domainSuffix}
          currentFqdn={controller.domain?.fqdn ?? null}
        />
        {controller.domain && <p className="text-sm">Numéro de port associé : {controller.port}</p>}
      </section>

      {overview.plannings.map((planning) => (
        <section key={planning.id} aria-labelledby={`titre-${planning.id}`} className="card space-y-3">
          <h2 id={`titre-${planning.id}`} className="sr-only">
            Planning {planning.name}
          </h2>
          <PlanningNameForm key={planning.name} planningId={planning.id} name={planning.name} />
          <div className="flex flex-wrap items-center gap-3">
            <p className="font-semibold">Serveur {product.displayName}</p>
            <StatusBadge on={planning.status === "RUNNING"}>{planning.status === "RUNNING" ? "En service" : "Arrêté"}</StatusBadge>
            <StatusBadge on={planning.publication === "PUBLISHED"}>
              {planning.publication === "PUBLISHED" ? "Publié" : "Non Publié"}
            </StatusBadge>
          </div>
          <NetLicenceBox planningId={planning.id} enabled={planning.netLicence} netName={product.netName} />
          <DomainForm
            key={`${planning.name}:${planning.domain?.fqdn ?? "none"}`}
            target={{ kind: "planning", planningId: planning.id, planningName: planning.name }}
            suffix={product.domainSuffix}
            currentFqdn={planning.domain?.fqdn ?? null}
          />
          {planning.domain && <p className="text-sm">Numéro de port associé : {planning.port}</p>}
          <TimeZoneSelect planningId={planning.id} timeZone={planning.timeZone} options={zones} />
        </section>
      ))}
    </div>
  );
}
