"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ModalDialog } from "@/components/modal-dialog";
import { domainLabelSchema } from "@/lib/schemas/configuration";
import { associateControllerDomainAction, associatePlanningDomainAction, checkDomainAction } from "@/lib/actions/configuration";

type Target = { kind: "controller" } | { kind: "planning"; planningId: string; planningName: string };

type Props = { target: Target; suffix: string; currentFqdn: string | null };

/** F3: the domain field with the guide's two windows, "Oui / Non" then "Ok". */
export function DomainForm({ target, suffix, currentFqdn }: Props) {
  // The form is rendered anew once a name is associated: "Associer" keeps an id the window's focus finds again.
  const associateId = `associer-${target.kind === "controller" ? "controleur" : target.planningId}`;
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState(currentFqdn ? currentFqdn.slice(0, -suffix.length) : "");
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"confirm" | "done" | null>(null);
  const [pending, startTransition] = useTransition();

  const label = value.trim().toLowerCase();
  const fqdn = label + suffix;
  const to = target.kind === "controller" ? "au contrôleur" : `au planning ${target.planningName}`;
  const done =
    target.kind === "controller"
      ? `Votre contrôleur répond désormais au nom de domaine ${fqdn}`
      : `Le planning ${target.planningName} répond désormais au nom de domaine ${fqdn}`;

  function askConfirmation() {
    const parsed = domainLabelSchema.safeParse(label);
    if (!parsed.success) {
      setError(parsed.error.issues[0].message);
      return;
    }
    if (fqdn === currentFqdn) return;
    setError(null);
    // A name another element holds is refused here, before "Confirmez-vous … ?" asks for nothing.
    startTransition(async () => {
      const checked = await checkDomainAction({ domain: label, planningId: target.kind === "planning" ? target.planningId : undefined });
      if (!checked.ok) setError(checked.fieldErrors?.domain ?? checked.formError ?? "Le nom de domaine n'a pas pu être vérifié.");
      else if (!checked.data.unchanged) setDialog("confirm");
    });
  }

  function associate() {
    startTransition(async () => {
      const result =
        target.kind === "controller"
          ? await associateControllerDomainAction({ domain: label })
          : await associatePlanningDomainAction({ planningId: target.planningId, domain: label });
      if (result.ok) {
        setDialog("done");
      } else {
        setDialog(null);
        setError(result.fieldErrors?.domain ?? result.formError ?? "Le nom de domaine n'a pas été associé.");
      }
    });
  }

  const inputId = `${id}-domain`;
  const errorId = `${id}-error`;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        askConfirmation();
      }}
      className="flex flex-col gap-1"
    >
      <label htmlFor={inputId} className="label">
        Nom de domaine associé :
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <span className="flex items-center">
          <input
            id={inputId}
            name="domain"
            className="input w-56"
            value={value}
            maxLength={63}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={errorId}
          />
          <span className="ml-1 text-sm text-slate-700">{suffix}</span>
        </span>
        <button id={associateId} type="submit" className="btn-secondary" disabled={pending}>
          Associer
        </button>
      </div>
      <p id={errorId} className="field-error" aria-live="polite">
        {error ?? (currentFqdn ? "" : "Le nom de domaine est indispensable à la mise en service")}
      </p>

      <ModalDialog
        returnFocusTo={associateId}
        open={dialog === "confirm"}
        title="Modification du nom de domaine"
        onCancel={() => setDialog(null)}
        actions={
          <>
            <button type="button" className="btn-primary" onClick={associate} disabled={pending}>
              Oui
            </button>
            <button type="button" className="btn-secondary" onClick={() => setDialog(null)}>
              Non
            </button>
          </>
        }
      >
        Confirmez-vous l&apos;association du nom de domaine {fqdn} {to} ?
      </ModalDialog>
      <ModalDialog
        returnFocusTo={associateId}
        open={dialog === "done"}
        title="Modification du nom de domaine"
        onCancel={() => {
          setDialog(null);
          router.refresh();
        }}
        actions={
          <button
            type="button"
            className="btn-primary"
            autoFocus
            onClick={() => {
              setDialog(null);
              router.refresh();
            }}
          >
            Ok
          </button>
        }
      >
        {done}
      </ModalDialog>
    </form>
  );
}
