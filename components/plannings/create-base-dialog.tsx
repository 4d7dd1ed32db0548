"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ModalDialog } from "@/components/modal-dialog";
import { createBaseAction } from "@/lib/actions/plannings";
import { gridFieldErrors } from "@/lib/schemas/base";
import type { GridInput } from "@/lib/timetable-grid";
import { GridFields, useGridForm } from "./grid-fields";

type Props = { planningId: string; planningName: string; defaults: GridInput; replaces: string | null; running: boolean };

/** F8 "Paramétrage de la grille horaire", opened by "Créer une base". */
export function CreateBaseDialog({ planningId, planningName, defaults, replaces, running }: Props) {
  const id = useId();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(defaults.name);
  // Once Valider has been tried, the rules are checked again at every change, so that a message
  // goes away as soon as the value is right; the server's own answers last until the next change.
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const edited = () => setServerErrors({});
  const form = useGridForm(defaults, edited);
  const grid = { name, ...form.grid };
  const errors = { ...serverErrors, ...(tried ? gridFieldErrors(grid) : {}) };

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFormError(null);
    setTried(true);
    setServerErrors({});
    if (Object.keys(gridFieldErrors(grid)).length > 0) return;
    startTransition(async () => {
      const result = await createBaseAction({ planningId, grid });
      if (result.ok) {
        setOpen(false);
        router.refresh();
        return;
      }
      const fields = Object.fromEntries(
        Object.entries(result.fieldErrors ?? {}).map(([key, message]) => [key.replace(/^grid\./, ""), message]),
      );
      setServerErrors(fields);
      setFormError(result.formError ?? (Object.keys(fields).length ? null : "La création de la base a échoué."));
    });
  }

  const error = (field: string) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="field-error">
        {errors[field]}
      </p>
    ) : null;
  const described = (field: string) => ({
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? `${id}-${field}-error` : undefined,
  });

  return (
    <>
      <button type="button" className="btn-secondary" onClick={() => setOpen(true)}>
        <span aria-hidden="true">+</span> Créer une base
      </button>
      <ModalDialog
        wide
        open={open}
        title="Paramétrage de la grille horaire"
        onCancel={() => setOpen(false)}
        actions={
          <>
            <button type="button" className="btn-secondary" onClick={() => setOpen(false)}>
              Annuler
            </button>
            <button type="submit" form={`${id}-form`} className="btn-primary" disabled={pending || running}>
              {pending ? "Création…" : "Valider"}
            </button>
          </>
        }
      >
        <form id={`${id}-form`} noValidate onSubmit={submit} onChange={edited} className="space-y-4">
          <p className="text-slate-700">Planning {planningName}</p>
          {running && (
            <p className="field-error">
              Le serveur est en service : cliquez d&apos;abord sur « Arrêter le serveur » pour créer une nouvelle base.
            </p>
          )}
          {replaces && (
            <p className="rounded-md border border-amber-600 bg-amber-50 p-2 text-amber-900">
              La base en cours ({replaces}) sera remplacée : transférez-la d&apos;abord si vous voulez la conserver.
            </p>
          )}
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-name`} className="label">
              Nom de la nouvelle base :
            </label>
            <input
              id={`${id}-name`}
              className="input"
              value={name}
              maxLength={60}
              onChange={(e) => setName(e.target.value)}
              {...described("name")}
            />
            {error("name")}
          </div>

          <GridFields id={id} form={form} error={error} described={described} />

          <p role="alert" className="field-error">
            {formError}
          </p>
        </form>
      </ModalDialog>
    </>
  );
}
