import type { Metadata } from "next";
import { requireConsolePage } from "@/lib/auth/session";
import { getPersonalAccount, signedInIdentity } from "@/lib/server/sending-account/personal-account";
import { StatusBadge } from "@/components/status-badge";
import { SendingAccountWizard } from "@/components/communication/sending-account-wizard";

export const metadata: Metadata = { title: "Communication" };

/** F15 (Fiche 10): the accounts letters are e-mailed from. */
export default async function CommunicationPage() {
  const context = await requireConsolePage("letters");
  const [identity, account] = await Promise.all([signedInIdentity(context), getPersonalAccount(context)]);
  const state = !account ? null : account.readyAt ? "ready" : account.verifiedAt ? "verified" : "pending";

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-brand-dark">Communication</h1>
      <section aria-labelledby="titre-envoi" className="card space-y-3">
        <h2 id="titre-envoi" className="text-lg font-semibold">
          Paramétrer l&apos;envoi d&apos;e-mails
        </h2>
        <p className="text-sm text-slate-700">
          Avant d&apos;envoyer par e-mail les informations de connexion aux utilisateurs, créez votre compte : son
          adresse est vérifiée par un code envoyé par e-mail, puis sécurisée par une question secrète.
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
    </div>
  );
}
