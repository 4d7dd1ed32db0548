"use client";

import { useId, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { searchGuide } from "@/lib/guide-paths";
import { focusTarget, markFocusHandled } from "./hash-focus";

/**
 * The header's search: a function found by the guide's words (a Client menu path, a button label),
 * and the place it has in the console. A combobox (WAI-ARIA APG): arrows choose, Enter goes,
 * Escape closes.
 */
export function GuideSearch({ panels }: { panels: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const id = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const results = searchGuide(query, panels);
  const shown = open && query.trim().length > 0;

  function go(index: number) {
    const chosen = results[index];
    if (!chosen) return;
    setOpen(false);
    setQuery("");
    const [page, target = ""] = chosen.href.split("#");
    const here = `${pathname}${search.size ? `?${search}` : ""}`;
    // The same page: no navigation, so HashFocus does not run; the address and the focus change here.
    if (page === here && document.getElementById(target)) {
      window.history.pushState(null, "", `#${target}`);
      markFocusHandled();
      focusTarget(target);
      return;
    }
    router.push(chosen.href);
  }

  return (
    <form
      role="search"
      aria-label="Rechercher une fonction du guide"
      className="relative"
      onSubmit={(e) => {
        e.preventDefault();
        go(active);
      }}
    >
      <label htmlFor={`${id}-q`} className="sr-only">
        Rechercher une fonction du guide
      </label>
      <input
        id={`${id}-q`}
        type="search"
        role="combobox"
        aria-expanded={shown}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={shown && results[active] ? `${id}-${results[active].id}` : undefined}
        placeholder="Rechercher (ex. : Fichier > Administration des utilisateurs)"
        className="w-80 max-w-full rounded-md border border-white/60 bg-white px-3 py-1.5 text-sm text-slate-900"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, Math.max(results.length - 1, 0)));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      <div
        id={`${id}-list`}
        role="listbox"
        aria-label="Fonctions trouvées"
        hidden={!shown || results.length === 0}
        className="absolute right-0 z-20 mt-1 w-[28rem] max-w-[90vw] rounded-md border border-slate-300 bg-white p-1 text-sm text-slate-900 shadow-lg"
      >
        {results.map((result, index) => (
          <div
            key={result.id}
            id={`${id}-${result.id}`}
            role="option"
            // The focus stays in the combobox (aria-activedescendant); -1 lets a click focus nothing else.
            tabIndex={-1}
            aria-selected={index === active}
            className={`cursor-pointer rounded px-2 py-1 ${index === active ? "bg-sky-100" : ""}`}
            // Chosen before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              go(index);
            }}
            onMouseEnter={() => setActive(index)}
          >
            <span className="font-medium">{result.client}</span>
            <span className="block text-xs text-slate-700">
              Fiche n°{result.fiche} — ici : {result.here}
            </span>
          </div>
        ))}
      </div>
      <p
        role="status"
        className={
          shown && results.length === 0
            ? "absolute right-0 z-20 mt-1 w-[28rem] max-w-[90vw] rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 shadow-lg"
            : "sr-only"
        }
      >
        {shown && results.length === 0 ? `Aucune fonction du guide ne correspond à « ${query.trim()} ».` : ""}
      </p>
    </form>
  );
}
