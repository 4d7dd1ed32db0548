"use client";

import { useId, useState, useSyncExternalStore } from "react";
import { ModalDialog } from "@/components/modal-dialog";
import { renamePlanningAction, setPlanningNetLicenceAction, setPlanningTimeZoneAction } from "@/lib/actions/configuration";
import { SaveStatus, useSave } from "@/components/use-save";

/** F3 "Nom du planning", confirmed by Ok. */
export function PlanningNameForm({ planningId, name }: { planningId: string; name: string }) {
  const id = useId();
  const [value, setValue] = useState(name);
  const [renamed, setRenamed] = useState<string | null>(null);
  const { error, pending, save, refresh } = useSave();
  const close = () => {
    setRenamed(null);
    refresh();
  };
  return (
    <form
      noValidate
      className="flex flex-col gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        const next = value.trim();
        if (next === name) return;
        save(
          () => renamePlanningAction({ planningId, name: next }),
          () => setRenamed(next),
          "name",
        );
      }}
    >
      <label htmlFor={`${id}-name`} className="label">
        Nom du planning :
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={`${id}-name`}
          className="input w-56"
          value={value}
          maxLength={40}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-name-error`}
        />
        <button id={`renommer-${planningId}`} type="submit" className="btn-secondary" disabled={pending}>
          Renommer
        </button>
      </div>
      <p id={`${id}-name-error`} className="field-error" aria-live="polite">
        {error}
      </p>
      <ModalDialog
        returnFocusTo={`renommer-${planningId}`}
        open={renamed !== null}
        title="Modification du nom du planning"
        onCancel={close}
        actions={
          <button type="button" className="btn-primary" autoFocus onClick={close}>
            Ok
          </button>
        }
      >
        Le planning s&apos;appelle désormais {renamed}.
      </ModalDialog>
    </form>
  );
}

/** F3 "Activer une licence <PRODUIT>.net", saved as soon as it is ticked or unticked. */
export function NetLicenceBox({ planningId, enabled, netName }: { planningId: string; enabled: boolean; netName: string }) {
  const id = useId();
  const { error, saved, pending, save } = useSave();
  const [checked, setChecked] = useState(enabled);
  return (
    <div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={checked}
          disabled={pending}
          aria-describedby={`${id}-error`}
          onChange={(e) => {
            const next = e.target.checked;
            setChecked(next);
            // A refused change puts the box back as the server has it.
            save(
              () => setPlanningNetLicenceAction({ planningId, enabled: next }),
              undefined,
              undefined,
              () => setChecked(!next),
            );
          }}
        />
        Activer une licence {netName}
      </label>
      <SaveStatus id={`${id}-error`} error={error} saved={saved} />
    </div>
  );
}

const noSubscription = () => () => {};

/** F3 "Fuseau horaire". */
export function TimeZoneSelect({
  planningId,
  timeZone,
  options,
}: {
  planningId: string;
  timeZone: string;
  options: { value: string; label: string }[];
}) {
  const id = useId();
  const { error, saved, pending, save } = useSave();
  // The server renders the current zone only, the browser adds the 400 others once the page runs:
  // choosing one needs the page's script anyway, and the Configuration page is rendered twice lighter.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const shown = hydrated ? options : options.filter((o) => o.value === timeZone);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`${id}-tz`} className="label">
        Fuseau horaire :
      </label>
      <select
        id={`${id}-tz`}
        className="input max-w-md"
        defaultValue={timeZone}
        disabled={pending}
        aria-describedby={`${id}-tz-error`}
        onChange={(e) => {
          const value = e.target.value;
          save(() => setPlanningTimeZoneAction({ planningId, timeZone: value }));
        }}
      >
        {shown.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <SaveStatus id={`${id}-tz-error`} error={error} saved={saved} />
    </div>
  );
}
