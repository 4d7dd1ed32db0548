"use client";

import { useId } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import {
  FILTER_PARAMS,
  NOT_ACTIVATED_LABEL,
  NOT_ACTIVATED_VALUES,
  PASSWORD_VALUES,
  RECORD_SOURCES,
  type RecipientFilter,
} from "@/lib/letters/recipient-filter";

/** The list's filter (class, name or login, password's state), kept in the page's address. */
export function RecipientsFilter({
  populationLabel,
  groups,
  filter,
  onApply,
}: {
  populationLabel: string;
  groups: string[];
  filter: RecipientFilter;
  onApply: () => void;
}) {
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const href = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    return `${pathname}?${next.toString()}`;
  };

  function applyFilter(form: HTMLFormElement) {
    const data = new FormData(form);
    onApply();
    router.push(
      href({
        [FILTER_PARAMS.group]: String(data.get("classe") ?? ""),
        [FILTER_PARAMS.search]: String(data.get("recherche") ?? "").trim(),
        [FILTER_PARAMS.password]: String(data.get("mdp") ?? ""),
        [FILTER_PARAMS.source]: String(data.get("source") ?? ""),
        [FILTER_PARAMS.notActivated]: data.get("actives") ? NOT_ACTIVATED_VALUES.only : NOT_ACTIVATED_VALUES.all,
        page: null,
      }),
    );
  }

  return (
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
      {groups.length > 0 && (
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
            {groups.map((g) => (
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
      <div>
        <label htmlFor={`${id}-source`} className="label">
          Source
        </label>
        <select
          id={`${id}-source`}
          name="source"
          className="input"
          defaultValue={filter.source ?? ""}
          onChange={(e) => applyFilter(e.currentTarget.form!)}
        >
          <option value="">Toutes</option>
          {Object.entries(RECORD_SOURCES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <label className="flex items-center gap-2 self-center text-sm">
        <input
          type="checkbox"
          name="actives"
          defaultChecked={filter.notActivated ?? false}
          onChange={(e) => applyFilter(e.currentTarget.form!)}
        />
        {NOT_ACTIVATED_LABEL}
      </label>
      <button type="submit" className="btn btn-secondary">
        Rechercher
      </button>
    </form>
  );
}
