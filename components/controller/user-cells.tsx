"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ModalDialog } from "@/components/modal-dialog";
import { updateUserAction } from "@/lib/actions/controller";
import { STATUS_LABELS, USER_STATUSES } from "@/lib/schemas/user";
import { failureMessage, type ActionResult } from "@/lib/action-result";

/** The cells of F5 "Liste des utilisateurs": each saves its own field as soon as it is changed. */

export type UserListRow = {
  id: string;
  loginId: string;
  lastName: string;
  firstName: string;
  civility: string;
  email: string;
  phone: string;
  mobile: string;
  status: (typeof USER_STATUSES)[number];
  consoleAccess: boolean;
  ldapId: string;
  casId: string;
  wsfedId: string;
  pinLockedAt: Date | null;
  disabled: boolean;
};

type Status = UserListRow["status"];
function useRowSave() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const save = (run: () => Promise<ActionResult<unknown>>, onFail?: () => void) =>
    startTransition(async () => {
      setError(null);
      const result = await run();
      if (result.ok) router.refresh();
      else {
        onFail?.();
        setError(failureMessage(result, "La modification a échoué.", true));
      }
    });
  return { error, pending, save };
}

/** A text cell saved on Enter or when the focus leaves it; a refused value goes back. */
export function TextCell({
  user,
  field,
  label,
}: {
  user: UserListRow;
  field: "email" | "phone" | "mobile" | "ldapId" | "casId" | "wsfedId";
  label: string;
}) {
  const [value, setValue] = useState(user[field]);
  const { error, save } = useRowSave();
  const id = useId();
  const commit = () => {
    if (value.trim() === user[field]) return;
    save(
      () => updateUserAction({ userId: user.id, [field]: value.trim() }),
      () => setValue(user[field]),
    );
  };
  return (
    <td className={CELL}>
      <input
        className={`input px-2 py-1 ${field === "email" ? "w-48" : "w-36"}`}
        aria-label={`${label} de ${user.loginId}`}
        type={field === "email" ? "email" : field === "phone" || field === "mobile" ? "tel" : "text"}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === "Enter" && commit()}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-err`}
      />
      <span id={`${id}-err`} className="field-error block" aria-live="polite">
        {error}
      </span>
    </td>
  );
}

export function CivilityCell({ user }: { user: UserListRow }) {
  const { error, pending, save } = useRowSave();
  return (
    <td className={CELL}>
      <select
        className="input px-1 py-1"
        aria-label={`Civilité de ${user.loginId}`}
        defaultValue={user.civility}
        disabled={pending}
        onChange={(e) => save(() => updateUserAction({ userId: user.id, civility: e.target.value as "" | "M." | "Mme" }))}
      >
        <option value=""></option>
        <option value="M.">M.</option>
        <option value="Mme">Mme</option>
      </select>
      <span className="field-error block" aria-live="polite">
        {error}
      </span>
    </td>
  );
}

/**
 * Statut, Id. connexion and Nom stay in view while the list scrolls sideways (1280×720 shows the
 * list to "Accès à la console"); each column keeps its width, so the sticky ones do not overlap.
 */
export const STICKY = [
  "sticky left-0 z-10 w-44 min-w-44 bg-white",
  "sticky left-44 z-10 w-28 min-w-28 bg-white",
  "sticky left-72 z-10 w-28 min-w-28 bg-white shadow-[1px_0_0_#cbd5e1]",
];
export const CELL = "px-2 py-1 align-top";

export function StatusCell({ user, first }: { user: UserListRow; first: boolean }) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Status>(user.status);
  const { error, pending, save } = useRowSave();
  const name = useId();
  return (
    <td className={`${CELL} ${STICKY[0]}`}>
      <button
        type="button"
        id={first ? "statut-utilisateur" : undefined}
        className="rounded px-1 text-left underline decoration-dotted"
        aria-label={`Statut de ${user.loginId} : ${STATUS_LABELS[user.status]}. Modifier`}
        onClick={() => {
          setChoice(user.status);
          setOpen(true);
        }}
      >
        {STATUS_LABELS[user.status]}
      </button>
      {user.pinLockedAt && (
        <button
          type="button"
          className="mt-1 block text-xs text-danger underline"
          aria-label={`Débloquer la connexion par code PIN de ${user.loginId}`}
          onClick={() => save(() => updateUserAction({ userId: user.id, unlockPin: true }))}
        >
          Code PIN bloqué — Débloquer
        </button>
      )}
      <span className="field-error block" aria-live="polite">
        {error}
      </span>
      <ModalDialog
        open={open}
        title="Statut de l'utilisateur"
        onCancel={() => setOpen(false)}
        actions={
          <>
            <button type="button" className="btn-secondary" onClick={() => setOpen(false)}>
              Annuler
            </button>
            <button
              type="button"
              className="btn-primary"
              disabled={pending}
              onClick={() => {
                setOpen(false);
                save(() => updateUserAction({ userId: user.id, status: choice }));
              }}
            >
              Valider
            </button>
          </>
        }
      >
        <fieldset>
          <legend className="sr-only">Statut de {user.loginId}</legend>
          {USER_STATUSES.map((status) => (
            <label key={status} className="flex items-center gap-2 py-1">
              <input type="radio" name={name} checked={choice === status} onChange={() => setChoice(status)} />
              {STATUS_LABELS[status]}
            </label>
          ))}
        </fieldset>
      </ModalDialog>
    </td>
  );
}

/** A disabled user cannot sign in, and loses his open sessions at once. */
export function DisabledCell({ user }: { user: UserListRow }) {
  const { error, pending, save } = useRowSave();
  const [checked, setChecked] = useState(user.disabled);
  return (
    <td className={`${CELL} text-center`}>
      <input
        type="checkbox"
        aria-label={`Compte de ${user.loginId} désactivé`}
        checked={checked}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.checked;
          setChecked(next);
          save(
            () => updateUserAction({ userId: user.id, disabled: next }),
            () => setChecked(!next),
          );
        }}
      />
      <span className="field-error block" aria-live="polite">
        {error}
      </span>
    </td>
  );
}

export function ConsoleAccessCell({ user }: { user: UserListRow }) {
  const { error, pending, save } = useRowSave();
  const [checked, setChecked] = useState(user.consoleAccess);
  const eligible = user.status !== "USER" && user.email !== "";
  return (
    <td className={`${CELL} text-center`}>
      <input
        type="checkbox"
        aria-label={`Accès à la console pour ${user.loginId}`}
        checked={checked}
        disabled={!eligible || pending}
        title={eligible ? undefined : "Saisissez d'abord une adresse e-mail valide (superadministrateurs et administrateurs de base)."}
        onChange={(e) => {
          const next = e.target.checked;
          setChecked(next);
          save(
            () => updateUserAction({ userId: user.id, consoleAccess: next }),
            () => setChecked(!next),
          );
        }}
      />
      <span className="field-error block" aria-live="polite">
        {error}
      </span>
    </td>
  );
}
