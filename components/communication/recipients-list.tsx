"use client";

import { useId, useState, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { reissueProvisionalPasswordsAction } from "@/lib/actions/communication";
import type { Population } from "@/lib/letters/original-models";
import { FILTER_PARAMS, PASSWORD_VALUES, type RecipientFilter } from "@/lib/letters/recipient-filter";
import type { RecipientSelection } from "@/lib/server/letters/choose-recipients";
import type { RecipientsPage, RecipientSummary } from "@/lib/server/letters/recipients";
import { Pagination } from "@/components/pagination";
import { SendLettersDialog, type Chosen } from "./send-letters-dialog";
import { failureMessage } from "@/lib/action-result";

type Model = { id: string; name: string; text: string };
type Props = {
  population: Population;
  populationLabel: string;
  list: RecipientsPage;
  filter: RecipientFilter;
  models: Model[];
  canEmail: boolean;
};

/**
 * F16 "Ressources > … > Liste": one page of a population's recipients, filtered and searched on the
 * server (class, name or login, password's state). Rows are ticked one by one, across pages; "Tout
 * sélectionner" ticks the page and offers "les N destinataires de la liste", which sends the filter,
 * not N keys. Without a selection, the whole list shown is the recipient.
 */
export function RecipientsList({ population, populationLabel, list, filter, models, canEmail }: Props) {
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [selected, setSelected] = useState<Map<string, RecipientSummary>>(new Map());
  const [allOfList, setAllOfList] = useState(false);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const href = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    return `${pathname}?${next.toString()}`;
  };

  const pageSelected = list.rows.length > 0 && list.rows.every((r) => selected.has(r.key));
  const byFilter = allOfList || selected.size === 0;
  const chosen: Chosen = byFilter
    ? { selection: { filter }, count: list.total, withEmail: list.withEmail, wholeList: !allOfList, sample: list.rows[0] }
    : {
        selection: { keys: [...selected.keys()] },
        count: selected.size,
        withEmail: [...selected.values()].filter((r) => r.email).length,
        wholeList: false,
        sample: selected.values().next().value,
      };
  const personalized = byFilter ? list.personalized : [...selected.values()].filter((r) => r.personalized).length;

  function select(rows: RecipientSummary[], on: boolean) {
    const next = new Map(selected);
    for (const r of rows) {
      if (on) next.set(r.key, r);
      else next.delete(r.key);
    }
    setSelected(next);
    setAllOfList(false);
  }

  function clearSelection() {
    setSelected(new Map());
    setAllOfList(false);
  }

  function applyFilter(form: HTMLFormElement) {
    const data = new FormData(form);
    clearSelection();
    router.push(
      href({
        [FILTER_PARAMS.group]: String(data.get("classe") ?? ""),
        [FILTER_PARAMS.search]: String(data.get("recherche") ?? "").trim(),
        [FILTER_PARAMS.password]: String(data.get("mdp") ?? ""),
        page: null,
      }),
    );
  }

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

  const filtered = Boolean(filter.group || filter.search || filter.password);
  return (
    <section aria-labelledby={`${id}-title`} className="card space-y-3">
      <h3 id={`${id}-title`} className="font-semibold">
        {populationLabel} : liste ({list.populationTotal})
      </h3>
      <form
        key={JSON.stringify(filter)}
        role="search"
        aria-label={`Filtrer les ${populationLabel.toLowerCase()}`}
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          applyFilter(event.currentTarget);
        }}
      >
        {list.groups.length > 0 && (
          <div>
            <label htmlFor={`${id}-group`} className="label">
              Classe
            </label>
            <select
              id={`${id}-group`}
              name="classe"
              className="input"
              defaultValue={filter.group ?? ""}
              onChange={(e) => applyFilter(e.currentTarget.form!)}
            >
              <option value="">Toutes</option>
              {list.groups.map((g) => (
                <option key={g}>{g}</option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor={`${id}-search`} className="label">
            Nom, prénom ou identifiant
          </label>
          <input id={`${id}-search`} name="recherche" type="search" className="input" defaultValue={filter.search ?? ""} maxLength={100} />
        </div>
        <div>
          <label htmlFor={`${id}-password`} className="label">
            Mot de passe
          </label>
          <select
            id={`${id}-password`}
            name="mdp"
            className="input"
            defaultValue={filter.password ? PASSWORD_VALUES[filter.password] : ""}
            onChange={(e) => applyFilter(e.currentTarget.form!)}
          >
            <option value="">Tous</option>
            <option value={PASSWORD_VALUES.PROVISIONAL}>Provisoire</option>
            <option value={PASSWORD_VALUES.PERSONALIZED}>Personnalisé</option>
          </select>
        </div>
        <button type="submit" className="btn btn-secondary">
          Rechercher
        </button>
      </form>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" id="envoyer-courrier" className="btn btn-primary" onClick={() => setOpen(true)} disabled={chosen.count === 0}>
          Envoyer un courrier ({chosen.count})
        </button>
        {personalized > 0 && (
          <button type="button" className="btn btn-secondary" onClick={reissue} disabled={pending}>
            Nouveau mot de passe provisoire ({personalized})
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
                    <td>{r.personalized ? "Personnalisé" : "Provisoire"}</td>
                    <td>{r.espace}</td>
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
