"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createUserAction } from "@/lib/actions/controller";
import { CELL } from "./user-cells";

/** F13 "Nouveau": Id. connexion, Nom, Prénom, validated with Entrée; the provisional password is shown once. */
export function NewUserRow({ columns, onCreated }: { columns: number; onCreated: (loginId: string, password: string) => void }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ loginId: "", lastName: "", firstName: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const opener = useRef<HTMLButtonElement>(null);
  const [closedByCancel, setClosedByCancel] = useState(false);
  // "Annuler" gives the focus back to "+ Nouveau", where the keyboard user was.
  useEffect(() => {
    if (!open && closedByCancel) opener.current?.focus();
  }, [open, closedByCancel]);
  if (!open) {
    return (
      <tr>
        <td colSpan={columns} className="py-1">
          <button
            ref={opener}
            id="nouvel-utilisateur"
            type="button"
            className="btn-secondary"
            onClick={() => {
              setClosedByCancel(false);
              setOpen(true);
            }}
          >
            + Nouveau
          </button>
        </td>
      </tr>
    );
  }
  const submit = () =>
    startTransition(async () => {
      const result = await createUserAction(values);
      if (result.ok) {
        onCreated(result.data.loginId, result.data.provisionalPassword);
        setValues({ loginId: "", lastName: "", firstName: "" });
        setErrors({});
        setOpen(false);
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? { loginId: result.formError ?? "La création a échoué." });
      }
    });
  const input = (field: keyof typeof values, label: string) => (
    <td className={CELL}>
      <input
        className="input w-36 px-2 py-1"
        aria-label={`${label} du nouvel utilisateur`}
        autoFocus={field === "loginId"}
        value={values[field]}
        onChange={(e) => setValues({ ...values, [field]: e.target.value })}
        onKeyDown={(e) => {
          if (e.key !== "Enter") return;
          e.preventDefault();
          const cells = [...(e.currentTarget.closest("tr")?.querySelectorAll("input") ?? [])];
          const next = cells[cells.indexOf(e.currentTarget) + 1];
          if (next) next.focus();
          else submit();
        }}
        aria-invalid={errors[field] ? true : undefined}
      />
      <span className="field-error block" aria-live="polite">
        {errors[field]}
      </span>
    </td>
  );
  return (
    <tr className="bg-amber-50">
      <td className={CELL}>Utilisateur</td>
      {input("loginId", "Id. connexion")}
      {input("lastName", "Nom")}
      {input("firstName", "Prénom")}
      <td colSpan={columns - 4} className={CELL}>
        <button type="button" className="btn-primary" disabled={pending} onClick={submit}>
          Créer
        </button>
        <button
          type="button"
          className="btn-secondary ml-2"
          onClick={() => {
            // What was typed is dropped: the next "+ Nouveau" starts from empty fields.
            setValues({ loginId: "", lastName: "", firstName: "" });
            setErrors({});
            setClosedByCancel(true);
            setOpen(false);
          }}
        >
          Annuler
        </button>
      </td>
    </tr>
  );
}
