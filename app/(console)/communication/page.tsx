import type { Metadata } from "next";
import { requireConsolePage } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getConsoleOverview } from "@/lib/server/hosting-account/get-console-overview";
import { getPersonalAccount, listEstablishmentAccounts, signedInIdentity } from "@/lib/server/sending-account/accounts";
import { EstablishmentAccounts } from "@/components/communication/establishment-accounts";
import { listLetterModels } from "@/lib/server/letters/letter-models";
import { espacesAddress } from "@/lib/products";
import { TabNav } from "@/components/tab-nav";
import { GuideSignpost } from "@/components/guide-signpost";
import { StatusBadge } from "@/components/status-badge";
import { SendingAccountWizard } from "@/components/communication/sending-account-wizard";
import { ModelsEditor } from "@/components/communication/models-editor";
import { PeopleImport } from "@/components/communication/people-import";
import { SiecleImport } from "@/components/communication/siecle-import";
import { StsImport } from "@/components/communication/sts-import";
import { establishmentOf } from "@/lib/server/letters/batch-letters";
import { RecipientsList } from "@/components/communication/recipients-list";
import { BatchProgress } from "@/components/communication/batch-progress";
import { POPULATIONS, populationLabel, populationsOf } from "@/lib/letters/original-models";
import { espaceNameOf, listRecipients } from "@/lib/server/letters/recipients";
import { filterOfParams, type RecipientFilter } from "@/lib/letters/recipient-filter";
import { yearRecovered } from "@/lib/server/school-year/recover-year";
import { getLetterBatch, listLetterBatches } from "@/lib/server/letters/batch-progress";
import { usableSendingAccount } from "@/lib/server/sending-account/accounts";

export const metadata: Metadata = { title: "Communication" };

const TABS = [
  { id: "envoi", label: "Paramétrer l'envoi d'e-mails" },
  { id: "modeles", label: "Courriers et documents > Modèles" },
  { id: "destinataires", label: "Destinataires et envois" },
] as const;

/** F15–F16 (Fiches 10 and 11): the accounts letters are e-mailed from, and the letter models. */
type Params = {
  onglet?: string;
  population?: string;
  classe?: string;
  recherche?: string;
  mdp?: string;
  source?: string;
  actives?: string;
  page?: string;
};

export default async function CommunicationPage({ searchParams }: { searchParams: Promise<Params> }) {
  const context = await requireConsolePage("letters");
  const params = await searchParams;
  const { onglet, population } = params;
  const tab = TABS.find((t) => t.id === onglet)?.id ?? "envoi";

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-brand-dark">Communication</h1>
      <TabNav
        label="Onglets de la communication"
        tabs={TABS.map((t) => ({ href: `/communication?onglet=${t.id}`, label: t.label, current: t.id === tab }))}
      />
      {tab === "envoi" && <SendingAccounts context={context} />}
      {tab === "modeles" && <Models accountId={context.accountId} />}
      {tab === "destinataires" && (
        <Recipients
          context={context}
          population={POPULATIONS.find((p) => p.id === population) ?? POPULATIONS[0]}
          // Once last year's data is recovered, the letters go to those not yet activated unless told otherwise.
          filter={filterOfParams(params, { notActivated: tab === "destinataires" && (await yearRecovered(context.accountId)) })}
          page={Number(params.page) || 1}
        />
      )}
    </div>
  );
}

async function SendingAccounts({ context }: { context: Awaited<ReturnType<typeof requireConsolePage>> }) {
  const [identity, account, establishment, senders] = await Promise.all([
    signedInIdentity(context),
    getPersonalAccount(context),
    listEstablishmentAccounts(context.accountId),
    db.controllerUser.findMany({ where: { accountId: context.accountId, status: "SUPERADMIN" }, orderBy: { lastName: "asc" } }),
  ]);
  const state = !account ? null : account.readyAt ? "ready" : account.verifiedAt ? "verified" : "pending";
  return (
    <section aria-labelledby="titre-envoi" className="card space-y-3">
      <h2 id="titre-envoi" className="text-lg font-semibold">
        Paramétrer l&apos;envoi d&apos;e-mails
      </h2>
      <GuideSignpost path="envoi-e-mails" />
      <p className="text-sm text-slate-700">
        Avant d&apos;envoyer par e-mail les informations de connexion aux utilisateurs, créez votre compte : son adresse est vérifiée par un
        code envoyé par e-mail, puis sécurisée par une question secrète.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <SendingAccountWizard kind="PERSONAL" identity={identity} />
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
      <h3 className="pt-2 font-semibold">Comptes de l&apos;établissement</h3>
      <p className="text-sm text-slate-700">
        Une adresse commune (secrétariat, vie scolaire…), vérifiée de la même façon, que les superadministrateurs désignés ici peuvent
        utiliser pour envoyer les courriers.
      </p>
      <SendingAccountWizard kind="ESTABLISHMENT" />
      <EstablishmentAccounts
        accounts={establishment.map((a) => ({
          id: a.id,
          name: a.name,
          email: a.email,
          ready: a.readyAt !== null,
          allowedUserIds: a.allowedUserIds.split(" ").filter(Boolean),
        }))}
        senders={senders.map((u) => ({ id: u.id, loginId: u.loginId, name: `${u.lastName.toUpperCase()} ${u.firstName}` }))}
      />
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
    <section id="modeles" aria-labelledby="titre-modeles" className="card space-y-3">
      <h2 id="titre-modeles" className="text-lg font-semibold">
        Modèles
      </h2>
      <GuideSignpost path="modeles" />
      <ModelsEditor
        models={models.map(({ id, name, population, channel, originalKey, text }) => ({
          id,
          name,
          population,
          channel,
          originalKey,
          text,
        }))}
        samples={samples}
        establishment={overview.establishment}
        espaceAddress={address}
        populations={populationsOf(overview.product).map((p) => ({ ...p, espaceName: espaceNameOf(overview.product, p.id) }))}
      />
    </section>
  );
}

/** Fiche 11: "Ressources > Personnels / Professeurs / Élèves / Responsables > Liste", the import, the sendings. */
async function Recipients({
  context,
  population,
  filter,
  page,
}: {
  context: Awaited<ReturnType<typeof requireConsolePage>>;
  population: (typeof POPULATIONS)[number];
  filter: RecipientFilter;
  page: number;
}) {
  const { accountId } = context;
  const [list, models, overview, sender, batches, establishment] = await Promise.all([
    listRecipients(accountId, population.id, filter, page),
    listLetterModels(accountId),
    getConsoleOverview(accountId),
    usableSendingAccount(context),
    listLetterBatches(accountId),
    establishmentOf(accountId),
  ]);
  const views = await Promise.all(batches.map((b) => getLetterBatch(context, b.id)));
  const espaces = overview.plannings.filter((p) => p.netLicence).map((p) => ({ id: p.id, name: p.publicationName ?? p.name }));
  return (
    <div className="space-y-4">
      <TabNav
        label="Populations"
        tabs={populationsOf(overview.product).map((p) => ({
          href: `/communication?onglet=destinataires&population=${p.id}`,
          label: p.label,
          current: p.id === population.id,
        }))}
      />
      {population.id === "PERSONNELS" && <GuideSignpost path="personnels-liste" />}
      <div id="destinataires" className="contents">
        <RecipientsList
          key={population.id}
          population={population.id}
          populationLabel={populationLabel(overview.product, population.id)}
          list={list}
          filter={filter}
          models={models.filter((m) => m.population === population.id).map(({ id, name, text, channel }) => ({ id, name, text, channel }))}
          canEmail={sender !== null}
          establishmentAddress={establishment.establishmentAddress}
        />
      </div>
      {population.id === "PROFESSEURS" && <StsImport espaces={espaces} defaultUai={overview.rne ?? ""} />}
      {(population.id === "ELEVES" || population.id === "RESPONSABLES") && (
        <SiecleImport espaces={espaces} defaultUai={overview.rne ?? ""} />
      )}
      <PeopleImport
        key={`import-${population.id}`}
        population={population.id}
        populationLabel={populationLabel(overview.product, population.id)}
        espaces={espaces}
      />
      <section aria-labelledby="titre-envois" className="card">
        <h3 id="titre-envois" className="font-semibold">
          Envois
        </h3>
        {views.length === 0 ? (
          <p className="text-sm">Aucun envoi pour l&apos;instant.</p>
        ) : (
          <ul>
            {views.map((view) => (
              <BatchProgress key={view.id} initial={view} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
