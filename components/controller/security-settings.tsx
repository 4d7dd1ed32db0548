"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { updateSecuritySettingsAction } from "@/lib/actions/controller";
import { MEASURE_IDS, MEASURE_TEXT, type MeasureId } from "@/lib/measures";

type Measure = MeasureId;

/** F5 Sécurité: what users may choose in "Renforcer la sécurité de mon compte", and the lengths. */
export function SecuritySettings(props: {
  allowedMeasures: Measure[];
  pinMinLength: number;
  passwordMinLength: number;
  requireSecondFactor: boolean;
}) {
  const router = useRouter();
  const [measures, setMeasures] = useState<Measure[]>(props.allowedMeasures);
  const [pinMinLength, setPinMinLength] = useState(String(props.pinMinLength));
  const [passwordMinLength, setPasswordMinLength] = useState(String(props.passwordMinLength));
  const [requireSecondFactor, setRequireSecondFactor] = useState(props.requireSecondFactor);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        startTransition(async () => {
          const result = await updateSecuritySettingsAction({
            allowedMeasures: measures,
            pinMinLength,
            passwordMinLength,
            requireSecondFactor,
          });
          if (result.ok) {
            setErrors({});
            setSaved(true);
            router.refresh();
          } else setErrors({ ...result.fieldErrors, form: result.formError ?? "" });
        });
      }}
    >
      <fieldset aria-describedby="sec-measures-error">
        <legend className="label mb-1">Mesures de sécurité proposées aux utilisateurs</legend>
        {MEASURE_IDS.map((id) => (
          <label key={id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={measures.includes(id)}
              onChange={(e) => setMeasures(e.target.checked ? [...measures, id] : measures.filter((x) => x !== id))}
            />
            {MEASURE_TEXT[id].label}
          </label>
        ))}
        <p id="sec-measures-error" className="field-error" aria-live="polite">
          {errors.allowedMeasures}
        </p>
      </fieldset>
      {(
        [
          ["pinMinLength", "Nombre minimum de chiffres du code PIN", pinMinLength, setPinMinLength],
          ["passwordMinLength", "Nombre minimum de caractères du mot de passe", passwordMinLength, setPasswordMinLength],
        ] as const
      ).map(([field, label, value, setValue]) => (
        <div key={field} className="flex flex-col gap-1">
          <label htmlFor={`sec-${field}`} className="label">
            {label}
          </label>
          <input
            id={`sec-${field}`}
            type="number"
            inputMode="numeric"
            className="input w-28"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={errors[field] ? true : undefined}
            aria-describedby={`sec-${field}-error`}
          />
          <p id={`sec-${field}-error`} className="field-error" aria-live="polite">
            {errors[field]}
          </p>
        </div>
      ))}
      <p className="text-sm text-slate-700">
        Le mot de passe doit aussi contenir au moins une lettre, un caractère numérique, un caractère spécial (ni lettre, ni chiffre) et
        mélanger des minuscules et majuscules.
      </p>
      <div className="flex flex-col gap-1">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            checked={requireSecondFactor}
            onChange={(e) => setRequireSecondFactor(e.target.checked)}
            aria-describedby="sec-second-factor-help"
          />
          Double authentification obligatoire
        </label>
        <p id="sec-second-factor-help" className="text-sm text-slate-700">
          Les superadministrateurs se connectent avec un code de leur application d&apos;authentification (ou un code de secours) en plus de
          leur mot de passe ; celui qui n&apos;en a pas encore en ajoute une à sa prochaine connexion.
        </p>
      </div>
      <p role="status" className={errors.form ? "field-error" : "text-sm text-ok"}>
        {errors.form || (saved ? "Enregistré." : "")}
      </p>
      <button type="submit" className="btn-primary" disabled={pending}>
        Enregistrer
      </button>
    </form>
  );
}
