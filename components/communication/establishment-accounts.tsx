"use client";

import { useState } from "react";
import { setAllowedSendersAction } from "@/lib/actions/communication";
import { SaveStatus, useSave } from "@/components/use-save";
import { StatusBadge } from "@/components/status-badge";

type Account = { id: string; name: string; email: string; ready: boolean; allowedUserIds: string[] };
type Sender = { id: string; loginId: string; name: string };

/** F15 the establishment's accounts, and who among the superadministrators may send with each. */
export function EstablishmentAccounts({ accounts, senders }: { accounts: Account[]; senders: Sender[] }) {
  if (accounts.length === 0) return <p className="text-sm">Aucun compte de l&apos;établissement.</p>;
  return (
    <ul className="space-y-3">
      {accounts.map((account) => (
        <AccountSenders key={account.id} account={account} senders={senders} />
      ))}
    </ul>
  );
}

function AccountSenders({ account, senders }: { account: Account; senders: Sender[] }) {
  const [chosen, setChosen] = useState(new Set(account.allowedUserIds));
  const { error, saved, pending, save } = useSave();
  const status = `senders-${account.id}`;
  return (
    <li className="rounded border border-slate-200 p-3">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        {account.name} ({account.email})
        <StatusBadge on={account.ready}>{account.ready ? "Prêt pour l'envoi" : "Adresse à vérifier"}</StatusBadge>
      </p>
      <fieldset className="mt-2">
        <legend className="text-sm font-semibold">Utilisateurs autorisés à envoyer avec ce compte</legend>
        {senders.length === 0 ? (
          <p className="text-sm">Aucun superadministrateur.</p>
        ) : (
          senders.map((sender) => (
            <label key={sender.id} className="mr-4 inline-flex items-center gap-1 text-sm">
              <input
                type="checkbox"
                checked={chosen.has(sender.id)}
                onChange={() => {
                  const next = new Set(chosen);
                  if (next.has(sender.id)) next.delete(sender.id);
                  else next.add(sender.id);
                  setChosen(next);
                }}
              />
              {sender.name} ({sender.loginId})
            </label>
          ))
        )}
      </fieldset>
      <button
        type="button"
        className="btn-secondary mt-2"
        disabled={pending}
        aria-describedby={status}
        onClick={() => save(() => setAllowedSendersAction({ sendingAccountId: account.id, userIds: [...chosen] }))}
      >
        Enregistrer les utilisateurs autorisés
      </button>
      <SaveStatus id={status} error={error} saved={saved} />
    </li>
  );
}
