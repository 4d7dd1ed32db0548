"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ModalDialog } from "@/components/modal-dialog";
import { PasswordRulesList } from "@/components/password-rules-list";
import { createFirstSuperadminAction } from "@/lib/actions/controller";
import type { FieldErrors } from "@/lib/action-result";

const FIELDS = [
  { name: "firstName", label: "Prénom", type: "text", autoComplete: "given-name" },
  { name: "lastName", label: "Nom", type: "text", autoComplete: "family-name" },
  { name: "loginId", label: "Identifiant de connexion", type: "text", autoComplete: "username" },
  { name: "password", label: "Mot de passe", type: "password", autoComplete: "new-password" },
  { name: "confirmation", label: "Confirmation du mot de passe", type: "password", autoComplete: "new-password" },
] as const;

type Values = Record<(typeof FIELDS)[number]["name"], string>;

/** F4: the first superadministrator, with the guide's rules turning green as they are met. */
export function FirstSuperadminForm({ minLength }: { minLength: number }) {
  const router = useRouter();
  const [values, setValues] = useState<Values>({ firstName: "", lastName: "", loginId: "", password: "", confirmation: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState(false);
  const [pending, startTransition] = useTransition();

  return (
    <form
      noValidate
      className="card space-y-4"
      aria-labelledby="titre-superadmin"
      onSubmit={(e) => {
        e.preventDefault();
        setFormError(null);
        startTransition(async () => {
          const result = await createFirstSuperadminAction(values);
          if (result.ok) {
            setErrors({});
            setCreated(true);
          } else {
            setErrors(result.fieldErrors ?? {});
            setFormError(result.formError ?? null);
          }
        });
      }}
    >
      <h2 id="titre-superadmin" className="text-lg font-semibold">
        Création du premier superadministrateur
      </h2>
      <p className="text-sm text-slate-700">
        Ce dernier aura accès aux applications d&apos;administration et aura les droits du groupe Administration. Vous pouvez être à la fois
        responsable d&apos;hébergement et superadministrateur.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        {FIELDS.map((field) => (
          <div key={field.name} className="flex flex-col gap-1">
            <label htmlFor={`sa-${field.name}`} className="label">
              {field.label} : *
            </label>
            <input
              id={`sa-${field.name}`}
              type={field.type}
              autoComplete={field.autoComplete}
              required
              aria-required="true"
              className="input"
              value={values[field.name]}
              onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
              aria-invalid={errors[field.name] ? true : undefined}
              aria-describedby={`sa-${field.name}-error${field.name === "password" ? " sa-rules" : ""}`}
            />
            <p id={`sa-${field.name}-error`} className="field-error" aria-live="polite">
              {errors[field.name]}
            </p>
          </div>
        ))}
      </div>
      <PasswordRulesList id="sa-rules" password={values.password} minLength={minLength} />
      <p className="text-xs text-slate-700">(*) Les champs suivis d&apos;une étoile sont obligatoires</p>
      <p className="field-error" role="alert">
        {formError}
      </p>
      <button type="submit" className="btn-primary" disabled={pending}>
        Créer le superadministrateur
      </button>
      <ModalDialog
        // The form gives way to the list of users: the focus goes to the new superadministrator's row.
        returnFocusTo="statut-utilisateur"
        open={created}
        title="Création du premier superadministrateur"
        onCancel={() => router.refresh()}
        actions={
          <button type="button" className="btn-primary" autoFocus onClick={() => router.refresh()}>
            Ok
          </button>
        }
      >
        Le premier superadministrateur a été créé
      </ModalDialog>
    </form>
  );
}
