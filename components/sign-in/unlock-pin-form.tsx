"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { unlockPinAction } from "@/lib/actions/user-sign-in";

const FIELDS = [
  { name: "domain", label: "Adresse IP ou nom de domaine", type: "text", autoComplete: "off" },
  { name: "loginId", label: "Identifiant de connexion :", type: "text", autoComplete: "username" },
  { name: "password", label: "Mot de passe :", type: "password", autoComplete: "current-password" },
  { name: "code", label: "Code de déblocage (reçu par e-mail)", type: "text", autoComplete: "one-time-code" },
] as const;

/** The page the lock e-mail links to: the code, with the password, unlocks the PIN sign-in. */
export function UnlockPinForm({ defaultDomain }: { defaultDomain: string }) {
  const [values, setValues] = useState({ domain: defaultDomain, loginId: "", password: "", code: "" });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  if (done) {
    return (
      <div role="status" className="space-y-3">
        <p>Votre connexion par code PIN est débloquée.</p>
        <Link className="btn-primary" href={`/espace/connexion?controleur=${encodeURIComponent(values.domain)}`}>
          Se connecter
        </Link>
      </div>
    );
  }
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await unlockPinAction(values);
          if (result.ok) setDone(true);
          else setErrors({ ...result.fieldErrors, form: result.formError });
        });
      }}
    >
      {FIELDS.map((f) => (
        <div key={f.name} className="flex flex-col gap-1">
          <label htmlFor={`unlock-${f.name}`} className="label">
            {f.label}
          </label>
          <input
            id={`unlock-${f.name}`}
            type={f.type}
            autoComplete={f.autoComplete}
            className="input"
            value={values[f.name]}
            onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            aria-invalid={errors[f.name] ? true : undefined}
            aria-describedby={`unlock-${f.name}-error`}
          />
          <p id={`unlock-${f.name}-error`} className="field-error" aria-live="polite">
            {errors[f.name]}
          </p>
        </div>
      ))}
      <p className="field-error" role="alert">
        {errors.form}
      </p>
      <button type="submit" className="btn-primary" disabled={pending}>
        Débloquer
      </button>
    </form>
  );
}
