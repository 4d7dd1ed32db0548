"use client";

import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ModalDialog } from "@/components/modal-dialog";
import { loadBaseAction } from "@/lib/actions/plannings";
import { BASE_FILE_TOO_LARGE, MAX_BASE_FILE_BYTES } from "@/lib/schemas/base";
import { failureMessage } from "@/lib/action-result";

/** "Charger une base": a file from "Transférer la base" into a stopped planning. */
export function LoadBaseDialog({ planningId, planningName, running }: { planningId: string; planningName: string; running: boolean }) {
  const id = useId();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function close() {
    setOpen(false);
    setError(null);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setError("Choisissez un fichier de base.");
    if (file.size > MAX_BASE_FILE_BYTES) return setError(BASE_FILE_TOO_LARGE);
    const form = new FormData();
    form.set("planningId", planningId);
    form.set("file", file);
    setError(null);
    startTransition(async () => {
      try {
        const result = await loadBaseAction(form);
        if (result.ok) {
          setOpen(false);
          setLoaded(result.data.name);
          router.refresh();
        } else {
          setError(failureMessage(result, "Le chargement a échoué.", true));
        }
      } catch {
        setError("Le fichier n'a pas pu être envoyé : vérifiez sa taille et votre connexion, puis réessayez.");
      }
    });
  }

  return (
    <>
      <button type="button" className="btn-secondary" onClick={() => setOpen(true)}>
        Charger une base
      </button>
      <p aria-live="polite" className="text-sm text-ok">
        {loaded && `La base « ${loaded} » a été chargée dans ${planningName}.`}
      </p>
      <ModalDialog
        open={open}
        title="Charger une base"
        onCancel={close}
        actions={
          <>
            <button type="button" className="btn-secondary" onClick={close}>
              Annuler
            </button>
            <button type="submit" form={`${id}-form`} className="btn-primary" disabled={pending || running}>
              {pending ? "Chargement…" : "Charger"}
            </button>
          </>
        }
      >
        <form id={`${id}-form`} noValidate onSubmit={submit} className="space-y-3">
          {running ? (
            <p className="field-error">
              Le serveur est en service : cliquez d&apos;abord sur « Arrêter le serveur » pour charger une base.
            </p>
          ) : (
            <p>Choisissez un fichier obtenu avec « Transférer la base ». Il remplacera la base en cours de {planningName}.</p>
          )}
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-file`} className="label">
              Fichier de la base
            </label>
            <input
              ref={input}
              id={`${id}-file`}
              type="file"
              accept=".base"
              disabled={running}
              className="input"
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-file-error`}
              onChange={() => setError(null)}
            />
            <p id={`${id}-file-error`} className="field-error" role="alert">
              {error}
            </p>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}
