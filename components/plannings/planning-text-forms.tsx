"use client";

import { useId, useState } from "react";
import { SaveStatus, useSave } from "@/components/use-save";
import { setPublicationNameAction, setPublicUrlAction } from "@/lib/actions/plannings";
import type { ActionResult } from "@/lib/action-result";

type Props = { planningId: string; value: string; hint?: string };

/** F7 "Nom de publication": what users see; by default the planning's name. */
export function PublicationNameForm({ planningId, value }: Props) {
  return (
    <TextSetting
      label="Nom de publication"
      field="name"
      value={value}
      maxLength={60}
      save={(text) => setPublicationNameAction({ planningId, name: text })}
    />
  );
}

/** F14 "URL publique d'accès au .net", defaulting to the planning's address. */
export function PublicUrlForm({ planningId, value, hint }: Props) {
  return (
    <TextSetting
      label="URL publique d'accès au .net"
      field="url"
      value={value}
      maxLength={300}
      hint={hint}
      type="url"
      save={(text) => setPublicUrlAction({ planningId, url: text })}
    />
  );
}

type SettingProps = {
  label: string;
  field: string;
  value: string;
  maxLength: number;
  hint?: string;
  type?: "text" | "url";
  save: (value: string) => Promise<ActionResult<unknown>>;
};

function TextSetting({ label, field, value: initial, maxLength, hint, type = "text", save: run }: SettingProps) {
  const id = useId();
  const [value, setValue] = useState(initial);
  const { error, saved, pending, save } = useSave();
  return (
    <form
      noValidate
      className="flex flex-col gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        save(() => run(value.trim()), undefined, field);
      }}
    >
      <label htmlFor={id} className="label">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={id}
          type={type}
          className="input w-full max-w-md"
          value={value}
          maxLength={maxLength}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-status${hint ? ` ${id}-hint` : ""}`}
        />
        <button type="submit" className="btn-secondary" disabled={pending}>
          Enregistrer
        </button>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      <SaveStatus id={`${id}-status`} error={error} saved={saved} />
    </form>
  );
}
