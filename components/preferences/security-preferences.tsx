"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { PinPad } from "@/components/pin-pad";
import { changeSecurityMeasureAction, revokeDeviceAction } from "@/lib/actions/preferences";
import { MEASURE_TEXT, type MeasureId } from "@/lib/measures";

type Measure = MeasureId;

/** "Sécurisation de mon compte": the measure (and a new PIN), confirmed with the password. */
export function SecurityMeasureForm({
  current,
  allowed,
  pinMinLength,
}: {
  current: Measure | null;
  allowed: Measure[];
  pinMinLength: number;
}) {
  const router = useRouter();
  const [measure, setMeasure] = useState<Measure | null>(current);
  const [pin, setPin] = useState("");
  const [pinConfirmation, setPinConfirmation] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!measure) return setErrors({ measure: "Choisissez une mesure de sécurité." });
        setSaved(false);
        startTransition(async () => {
          const result = await changeSecurityMeasureAction({ password, measure, pin, pinConfirmation });
          if (result.ok) {
            setErrors({});
            setPassword("");
            setPin("");
            setPinConfirmation("");
            setSaved(true);
            router.refresh();
          } else setErrors({ ...result.fieldErrors, form: result.formError });
        });
      }}
    >
      <fieldset aria-describedby="pref-measure-error">
        <legend className="label mb-1">Mesure de sécurité</legend>
        {allowed.map((m) => (
          <label key={m} className="flex items-center gap-2 text-sm">
            <input type="radio" name="measure" checked={measure === m} onChange={() => setMeasure(m)} />
            {MEASURE_TEXT[m].label}
          </label>
        ))}
        <p id="pref-measure-error" className="field-error" aria-live="polite">
          {errors.measure}
        </p>
      </fieldset>
      {measure === "PIN" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <PinPad
            label="Nouveau code PIN"
            value={pin}
            onChange={setPin}
            error={errors.pin}
            hint={`Le code PIN doit contenir au moins ${pinMinLength} chiffres`}
          />
          <PinPad label="Confirmez votre code PIN" value={pinConfirmation} onChange={setPinConfirmation} error={errors.pinConfirmation} />
        </div>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor="pref-password" className="label">
          Mot de passe
        </label>
        <input
          id="pref-password"
          type="password"
          autoComplete="current-password"
          className="input w-64"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby="pref-password-error"
        />
        <p id="pref-password-error" className="field-error" aria-live="polite">
          {errors.password}
        </p>
      </div>
      <p role="status" className={errors.form ? "field-error" : "text-sm text-ok"}>
        {errors.form ?? (saved ? "Enregistré." : "")}
      </p>
      <button type="submit" className="btn-primary" disabled={pending}>
        Enregistrer
      </button>
    </form>
  );
}

export function RevokeDeviceButton({ deviceId, name }: { deviceId: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <button
        type="button"
        className="btn-secondary"
        disabled={pending}
        aria-label={`Retirer l'appareil ${name}`}
        onClick={() =>
          startTransition(async () => {
            const result = await revokeDeviceAction({ deviceId });
            if (result.ok) router.refresh();
            else setError(result.formError ?? "Le retrait a échoué.");
          })
        }
      >
        Retirer
      </button>
      {error && <span className="field-error ml-2">{error}</span>}
    </>
  );
}
