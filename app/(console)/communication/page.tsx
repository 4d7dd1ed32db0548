import type { Metadata } from "next";
import { requireConsolePage } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getConsoleOverview } from "@/lib/server/hosting-account/get-console-overview";
import { getPersonalAccount, signedInIdentity } from "@/lib/server/sending-account/personal-account";
import { listLetterModels } from "@/lib/server/letters/letter-models";
import { espacesAddress } from "@/lib/products";
import { TabNav } from "@/components/tab-nav";
import { StatusBadge } from "@/components/status-badge";
import { SendingAccountWizard } from "@/components/communication/sending-account-wizard";
import { ModelsEditor } from "@/components/communication/models-editor";

export const metadata: Metadata = { title: "Communication" };

const TABS = [
  { id: "envoi", label: "Paramétrer l'envoi d'e-mails" },
  { id: "modeles", label: "Courriers et documents > Modèles" },
] as const;

/** F15–F16 (Fiches 10 and 11): the accounts letters are e-mailed from, and the letter models. */
export default async function CommunicationPage({ searchParams }: { searchParams: Promise<{ onglet?: string }> }) {
  const context = await requireConsolePage("letters");
  const { onglet } = await searchParams;
  const tab = TABS.find((t) => t.id === onglet)?.id ?? "envoi";

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-brand-dark">Communication</h1>
      <TabNav
        label="Onglets de la communication"
        tabs={TABS.map((t) => ({ href: `/communication?onglet=${t.id}`, label: t.label, current: t.id === tab }))}
      />
      {tab === "envoi" ? <SendingAccounts context={context} /> : <Models accountId={context.accountId} />}
    </div>
  );
}

async function SendingAccounts({ context }: { context: Awaited<ReturnType<typeof requireConsolePage>> }) {
  const [identity, account] = await Promise.all([signedInIdentity(context), getPersonalAccount(context)]);
  const state = !account ? null : account.readyAt ? "ready" : account.verifiedAt ? "verified" : "pending";
  return (
    <section aria-labelledby="titre-envoi" className="card space-y-3">
      <h2 id="titre-envoi" className="text-lg font-semibold">
        Paramétrer l&apos;envoi d&apos;e-mails
      </h2>
      <p className="text-sm text-slate-700">
        Avant d&apos;envoyer par e-mail les informations de connexion aux utilisateurs, créez votre compte : son adresse
        est vérifiée par un code envoyé par e-mail, puis sécurisée par une question secrète.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <SendingAccountWizard identity={identity} />
        {account && state && (
          <p className="flex items-center gap-2 text-sm">
            {account.name} ({account.email})
            <StatusBadge on={state === "ready"}>
              {state === "ready" ? "Prêt pour l'envoi" : state === "verified" ? "Question secrète à saisir" : "Adresse à vérifier"}
            </StatusBadge>
          </p>
        )}
      </div>
      {!account && <p className="text-sm">Aucun compte personnel : cliquez sur « + Comptes personnels ».</p>}
    </section>
  );
}

async function Models({ accountId }: { accountId: string }) {
  const [models, overview, samples] = await Promise.all([
    listLetterModels(accountId),
    getConsoleOverview(accountId),
    db.controllerUser.findMany({
      where: { accountId },
      select: { loginId: true, lastName: true, firstName: true, civility: true },
      orderBy: { lastName: "asc" },
      take: 200,
    }),
  ]);
  const planning = overview.plannings[0];
  const address = planning?.publicUrl ?? espacesAddress(overview.product, planning?.domain?.fqdn ?? null, overview.rne) ?? "";
  return (
    <section aria-labelledby="titre-modeles" className="card space-y-3">
      <h2 id="titre-modeles" className="text-lg font-semibold">
        Modèles
      </h2>
      <ModelsEditor
        models={models.map(({ id, name, population, originalKey, text }) => ({ id, name, population, originalKey, text }))}
        samples={samples}
        establishment={overview.establishment}
        espaceAddress={address}
      />
    </section>
  );
}
