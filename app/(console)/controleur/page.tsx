import type { Metadata } from "next";
import { requireConsolePage } from "@/lib/auth/session";
import { getConsoleOverview } from "@/lib/server/hosting-account/get-console-overview";
import { hasSuperadmin, listUsers, listUsersPage } from "@/lib/server/user/list-users";
import { productInfo } from "@/lib/products";
import { TabNav } from "@/components/tab-nav";
import { GuideSignpost } from "@/components/guide-signpost";
import { StatusBadge } from "@/components/status-badge";
import { FirstSuperadminForm } from "@/components/controller/first-superadmin-form";
import { ActionButton } from "@/components/action-button";
import { setControllerStatusAction } from "@/lib/actions/controller";
import { UserList } from "@/components/controller/user-list";
import type { UserListRow } from "@/components/controller/user-cells";
import { ProfileAssignments } from "@/components/controller/profile-assignments";
import { SecuritySettings } from "@/components/controller/security-settings";
import { DelegatedAuth } from "@/components/controller/delegated-auth";
import { LicenceUsage } from "@/components/controller/licence-usage";
import { readDelegatedAuth } from "@/lib/server/controller/delegated-auth";
import { listAssignmentModels } from "@/lib/server/profile/assignment-models";

export const metadata: Metadata = { title: "Contrôleur" };

const TABS = [
  { id: "affectation", label: "Affectation dans les profils" },
  { id: "utilisateurs", label: "Liste des utilisateurs" },
  { id: "licences", label: "Licences" },
  { id: "authentification", label: "Déléguer l'authentification" },
  { id: "securite", label: "Sécurité" },
] as const;

/** F4–F6: the Contrôleur panel. */
export default async function ControllerPage({
  searchParams,
}: {
  searchParams: Promise<{ onglet?: string; recherche?: string; page?: string }>;
}) {
  const context = await requireConsolePage("controller");
  const { onglet, recherche, page } = await searchParams;
  const tab = TABS.find((t) => t.id === onglet)?.id ?? "utilisateurs";
  const search = typeof recherche === "string" ? recherche.trim().slice(0, 100) : "";
  // Each tab reads what it shows: the list a page at a time, the assignments every user.
  const [overview, superadmin, list, users, models] = await Promise.all([
    getConsoleOverview(context.accountId),
    hasSuperadmin(context.accountId),
    tab === "utilisateurs" ? listUsersPage(context.accountId, { search, page: Number(page) || 1 }) : null,
    tab === "affectation" ? listUsers(context.accountId) : [],
    tab === "affectation" ? listAssignmentModels(context.accountId) : [],
  ]);
  const product = productInfo(overview.product);
  const running = overview.controller.status === "RUNNING";

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-brand-dark">Contrôleur</h1>
      <section aria-labelledby="titre-etat" className="card flex flex-wrap items-start justify-between gap-3">
        <div className="flex items-center gap-3">
          <h2 id="titre-etat" className="text-lg font-semibold">
            Contrôleur {product.displayName}
          </h2>
          <StatusBadge on={running}>{running ? "Contrôleur en service" : "Arrêté"}</StatusBadge>
        </div>
        {/* F6: refused with the missing step named. */}
        <div id="activer-controleur">
          {/* A refusal names a missing step: once done (or undone), the button starts afresh. */}
          <ActionButton
            key={`${superadmin}-${overview.controller.domain !== null}`}
            action={setControllerStatusAction}
            input={{ running: !running }}
            primary={!running}
          >
            {running ? "Désactiver le contrôleur" : "Activer le contrôleur"}
          </ActionButton>
        </div>
      </section>

      {!superadmin ? (
        <FirstSuperadminForm minLength={overview.controller.passwordMinLength} />
      ) : (
        <section className="card space-y-4" aria-label="Administration du contrôleur">
          <TabNav
            label="Onglets du contrôleur"
            tabs={TABS.map((t) => ({ href: `/controleur?onglet=${t.id}`, label: t.label, current: t.id === tab }))}
          />
          {list && (
            <>
              <GuideSignpost path="administration-utilisateurs" />
              <UserList list={{ ...list, rows: list.rows as UserListRow[] }} search={search} productName={product.displayName} />
            </>
          )}
          {tab === "affectation" && (
            <div id="affectation-profils" className="space-y-3">
              <GuideSignpost path="affectation-profils" />
              <ProfileAssignments plannings={overview.plannings.map((p) => ({ id: p.id, name: p.name }))} users={users} models={models} />
            </div>
          )}
          {tab === "authentification" && <DelegatedAuth settings={readDelegatedAuth(overview.controller)} />}
          {tab === "licences" && <LicenceUsage accountId={context.accountId} />}
          {tab === "securite" && (
            <SecuritySettings
              allowedMeasures={overview.controller.allowedMeasures.split(",").filter(Boolean) as ("NONE" | "NOTIFY" | "PIN")[]}
              pinMinLength={overview.controller.pinMinLength}
              passwordMinLength={overview.controller.passwordMinLength}
              requireSecondFactor={overview.controller.requireSecondFactor}
            />
          )}
        </section>
      )}
    </div>
  );
}
