"use client";

import { useState } from "react";
import type { RecipientFilter } from "@/lib/letters/recipient-filter";
import type { RecipientsPage, RecipientSummary } from "@/lib/server/letters/recipients";
import type { Chosen } from "./send-letters-dialog";

/**
 * The recipients ticked one by one across pages, or "les N destinataires de la liste" (the filter
 * itself, never N keys); without a tick, the whole list shown.
 */
export function useRecipientSelection(list: RecipientsPage, filter: RecipientFilter) {
  const [selected, setSelected] = useState<Map<string, RecipientSummary>>(new Map());
  const [allOfList, setAllOfList] = useState(false);

  const pageSelected = list.rows.length > 0 && list.rows.every((r) => selected.has(r.key));
  const byFilter = allOfList || selected.size === 0;
  const chosen: Chosen = byFilter
    ? {
        selection: { filter },
        count: list.total,
        withEmail: list.withEmail,
        withSms: list.withSms,
        throughEnt: list.throughEnt,
        wholeList: !allOfList,
        sample: list.rows[0],
      }
    : {
        selection: { keys: [...selected.keys()] },
        count: selected.size,
        withEmail: [...selected.values()].filter((r) => r.email).length,
        withSms: [...selected.values()].filter((r) => r.sms).length,
        throughEnt: [...selected.values()].filter((r) => r.ent).length,
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

  return { selected, allOfList, setAllOfList, pageSelected, byFilter, chosen, personalized, select, clearSelection };
}
