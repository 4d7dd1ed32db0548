"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { reissueProvisionalPasswordsAction, switchToDirectSignInAction } from "@/lib/actions/communication";
import type { Population } from "@/lib/letters/original-models";
import type { RecipientFilter } from "@/lib/letters/recipient-filter";
import type { RecipientSelection } from "@/lib/server/letters/choose-recipients";
import type { RecipientsPage } from "@/lib/server/letters/recipients";
import { Pagination } from "@/components/pagination";
import { SendLettersDialog } from "./send-letters-dialog";
import { RecipientsFilter } from "./recipients-filter";
import { useRecipientSelection } from "./use-recipient-selection";
import { failureMessage } from "@/lib/action-result";

type Model = { id: string; name: string; text: string; channel: string };
type Props = {
  population: Population;
  populationLabel: string;
  list: RecipientsPage;
  filter: RecipientFilter;
  models: Model[];
  canEmail: boolean;
  establishmentAddress: string;
};

/**
 * F16 "Ressources > … > Liste": one page of a population's recipients, filtered and searched on the
 * server (class, name or login, password's state). Rows are ticked one by one, across pages; "Tout
 * sélectionner" ticks the page and offers "les N destinataires de la liste", which sends the filter,
 * not N keys. Without a selection, the whole list shown is the recipient.
 */
export function RecipientsList({ population, populationLabel, list, filter, models, canEmail, establishmentAddress }: Props) {
  const id = useId();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const { selected, allOfList, setAllOfList, pageSelected, byFilter, chosen, personalized, select, clearSelection } = useRecipientSelection(
    list,
    filter,
  );

  function reissue() {
    setMessage(null);
    const selection: RecipientSelection = byFilter ? { filter: { ...filter, password: "PERSONALIZED" } } : chosen.selection;
    startTransition(async () => {
      const result = await reissueProvisionalPasswordsAction({ population, selection });
      setMessage(result.ok ? `${result.data.count} nouveau(x) mot(s) de passe provisoire(s).` : failureMessage(result, "Échec."));
      clearSelection();
      router.refresh();
    });
  }

  function direct() {
    setMessage(null);
    startTransition(async () => {
      const result = await switchToDirectSignInAction({ population, selection: chosen.selection });
      setMessage(
        result.ok
          ? `${result.data.count} personne(s) en connexion directe, avec un nouveau mot de passe provisoire.`
          : failureMessage(result, "Échec."),
      );
      clearSelection();
      router.refresh();
    });
  }

  const filtered = Boolean(filter.group || filter.search || filter.password || filter.source);
  const responsables = population === "RESPONSABLES";
  return (
    <section aria-labelledby={`${id}-title`} className="card space-y-3">
      <h3 id={`${id}-title`} className="font-semibold">
        {populationLabel} : liste ({list.populationTotal})
      </h3>
      <RecipientsFilter populationLabel={populationLabel} groups={list.groups} filter={filter} onApply={clearSelection} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" id="envoyer-courrier" className="btn btn-primary" onClick={() => setOpen(true)} disabled={chosen.count === 0}>
          Envoyer un courrier ({chosen.count})
        </button>
        {personalized > 0 && (
          <button type="button" className="btn btn-secondary" onClick={reissue} disabled={pending}>
            Nouveau mot de passe provisoire ({personalized})
          </button>
        )}
        {chosen.throughEnt > 0 && (
          <button type="button" className="btn btn-secondary" onClick={direct} disabled={pending}>
            Connexion directe, sans l&apos;ENT ({chosen.throughEnt})
          </button>
        )}
        {filtered && (
          <p className="text-sm" role="status">
            {list.total} destinataire(s) sur {list.populationTotal} correspondent à la recherche.
          </p>
        )}
      </div>
      {message && (
        <p role="status" className="text-sm text-ok">
          {message}
        </p>
      )}
      {!byFilter || allOfList || pageSelected ? (
        <p className="text-sm" aria-live="polite">
          {allOfList ? (
            <>
              Les {list.total} destinataires de la liste sont sélectionnés.{" "}
              <button type="button" className="underline" onClick={clearSelection}>
                Annuler la sélection
              </button>
            </>
          ) : (
            <>
              {selected.size} destinataire(s) sélectionné(s).{" "}
              {pageSelected && list.total > selected.size && (
                <button type="button" className="underline" onClick={() => setAllOfList(true)}>
                  Sélectionner les {list.total} destinataires de la liste
                </button>
              )}{" "}
              <button type="button" className="underline" onClick={clearSelection}>
                Annuler la sélection
              </button>
            </>
          )}
        </p>
      ) : null}
      {list.total === 0 ? (
        <p className="text-sm">
          {filtered ? "Aucun destinataire ne correspond à la recherche." : "Aucun destinataire : importez un fichier CSV."}
        </p>
      ) : (
        <>
          <div className="overflow-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Destinataires ({populationLabel})</caption>
              <thead className="bg-white">
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label="Tout sélectionner"
                      checked={allOfList || pageSelected}
                      onChange={() => select(list.rows, !(allOfList || pageSelected))}
                    />
                  </th>
                  <th scope="col">Civilité</th>
                  <th scope="col">Nom</th>
                  <th scope="col">Prénoms</th>
                  <th scope="col">Classe</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Identifiant de connexion</th>
                  <th scope="col">Mot de passe</th>
                  <th scope="col">Espace</th>
                  {responsables && <th scope="col">Responsable de</th>}
                  {responsables && <th scope="col">Adresse</th>}
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((r) => (
                  <tr key={r.key} className="border-t border-slate-200">
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Sélectionner ${r.lastName} ${r.firstName}`}
                        checked={allOfList || selected.has(r.key)}
                        onChange={() => select([r], allOfList ? false : !selected.has(r.key))}
                      />
                    </td>
                    <td>{r.civility}</td>
                    <td>{r.lastName}</td>
                    <td>{r.firstName}</td>
                    <td>{r.group}</td>
                    <td>{r.email}</td>
                    <td>{r.loginId}</td>
                    <td>{r.ent ? "Par l'ENT" : r.personalized ? "Personnalisé" : "Provisoire"}</td>
                    <td>{r.espace}</td>
                    {responsables && <td>{r.responsableOf}</td>}
                    {responsables && <td>{r.address}</td>}
                    <td>{r.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination label={`Pages des ${populationLabel.toLowerCase()}`} page={list.page} pageCount={list.pageCount} />
        </>
      )}
      {open && (
        <SendLettersDialog
          population={population}
          populationLabel={populationLabel}
          models={models}
          canEmail={canEmail}
          establishmentAddress={establishmentAddress}
          chosen={chosen}
          onClose={() => setOpen(false)}
          onStarted={(text) => {
            setOpen(false);
            setMessage(text);
            clearSelection();
          }}
        />
      )}
    </section>
  );
}
