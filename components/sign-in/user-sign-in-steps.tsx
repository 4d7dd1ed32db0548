"use client";

import { type ReactNode, useState, useTransition } from "react";
import { PinPad } from "@/components/pin-pad";
import { StepForm } from "@/components/sign-in/step-form";
import { TextField as Field } from "@/components/text-field";
import { MEASURE_TEXT } from "@/lib/measures";
import type { ActionFailure, ActionResult } from "@/lib/action-result";
import type { StepResult } from "@/lib/server/sign-in/controller/state";
import { chooseSecurityMeasureAction, findControllerAction, registerDeviceAction, verifyPinAction } from "@/lib/actions/user-sign-in";

/**
 * The windows of F12 that hold state of their own (the controller's coordinates, the measure and
 * its PIN typed twice, the device's name); user-sign-in.tsx leads from one to the next.
 */
export type Errors = Record<string, string | undefined>;
export type Run = (action: () => Promise<ActionResult<StepResult>>, onRefused?: (result: ActionFailure) => void) => void;
type StepProps = {
  state: StepResult;
  pending: boolean;
  errors: Errors;
  setErrors: (errors: Errors) => void;
  run: Run;
  heading: (text: string) => ReactNode;
};

/** "Connexion au contrôleur": the coordinates, checked before the identifiant is asked. */
export function ControllerStep({
  defaultDomain,
  defaultPort,
  onFound,
}: {
  defaultDomain: string;
  defaultPort: string;
  onFound: (controller: { domain: string; port: number }) => void;
}) {
  const [coordinates, setCoordinates] = useState({ domain: defaultDomain, port: defaultPort });
  const [errors, setErrors] = useState<Errors>({});
  const [pending, startTransition] = useTransition();
  return (
    <StepForm
      submitLabel="Se connecter"
      pending={pending}
      error={errors.form}
      onSubmit={() => {
        setErrors({});
        startTransition(async () => {
          const result = await findControllerAction(coordinates);
          if (result.ok) onFound(result.data);
          else setErrors({ ...result.fieldErrors, form: result.formError });
        });
      }}
    >
      <h2 className="text-lg font-semibold">Connexion au contrôleur</h2>
      <p className="text-sm">Saisissez les coordonnées du contrôleur</p>
      <div className="grid gap-x-3 sm:grid-cols-[1fr_8rem]">
        <Field
          id="u-domain"
          label="Adresse IP ou nom de domaine"
          value={coordinates.domain}
          onChange={(domain) => setCoordinates({ ...coordinates, domain })}
          error={errors.domain}
        />
        <Field
          id="u-port"
          label="Port TCP"
          inputMode="numeric"
          value={coordinates.port}
          onChange={(port) => setCoordinates({ ...coordinates, port })}
          error={errors.port}
        />
      </div>
    </StepForm>
  );
}

/** "Renforcer la sécurité de mon compte": a measure; for a PIN, typed then confirmed. */
export function SecurityStep({ state, pending, errors, setErrors, run, heading }: StepProps) {
  const [measure, setMeasure] = useState<keyof typeof MEASURE_TEXT | null>(null);
  const [pin, setPin] = useState("");
  const [pinConfirmation, setPinConfirmation] = useState("");
  const [pinStage, setPinStage] = useState<"first" | "confirm">("first");
  const ticket = state.ticket;
  // A refused PIN is typed again from the start, both times.
  const restartPin = (result: ActionFailure) => {
    if (!result.fieldErrors?.pin && !result.fieldErrors?.pinConfirmation) return;
    setPin("");
    setPinConfirmation("");
    setPinStage("first");
  };
  const confirmingPin = measure === "PIN" && pinStage === "confirm";
  return (
    <StepForm
      pending={pending}
      error={errors.form}
      onSubmit={() => {
        if (!measure) return setErrors({ measure: "Choisissez une mesure de sécurité." });
        if (measure === "PIN" && pinStage === "first") {
          if (pin.length < state.pinMinLength) {
            return setErrors({ pin: `Le code PIN doit contenir au moins ${state.pinMinLength} chiffres` });
          }
          setErrors({});
          return setPinStage("confirm");
        }
        run(() => chooseSecurityMeasureAction({ ticket, measure, pin, pinConfirmation }), restartPin);
      }}
    >
      {heading("Renforcer la sécurité de mon compte")}
      <p className="text-sm">
        Afin d&apos;assurer la sécurisation de votre compte, vous devez choisir une mesure de sécurité supplémentaire qui sera appliquée
        lors de vos connexions sur un appareil non encore enregistré. Votre établissement vous propose de choisir parmi les mesures
        suivantes :
      </p>
      <fieldset className="space-y-2" aria-describedby="u-measure-error">
        <legend className="sr-only">Mesure de sécurité</legend>
        {state.allowedMeasures.map((m) => (
          <div key={m}>
            <label className="flex items-center gap-2 font-medium">
              <input
                type="radio"
                name="measure"
                checked={measure === m}
                onChange={() => {
                  setMeasure(m);
                  setPinStage("first");
                }}
              />
              {MEASURE_TEXT[m].label}
            </label>
            {MEASURE_TEXT[m].help && <p className="ml-6 text-xs text-slate-700">{MEASURE_TEXT[m].help}</p>}
          </div>
        ))}
      </fieldset>
      <p id="u-measure-error" className="field-error" aria-live="polite">
        {errors.measure}
      </p>
      {measure === "PIN" &&
        (confirmingPin ? (
          <PinPad
            key="confirm"
            label="Confirmez votre code PIN"
            value={pinConfirmation}
            onChange={setPinConfirmation}
            error={errors.pinConfirmation ?? errors.pin}
          />
        ) : (
          <PinPad
            key="first"
            label="Code PIN"
            value={pin}
            onChange={setPin}
            error={errors.pin}
            hint={`Le code PIN doit contenir au moins ${state.pinMinLength} chiffres`}
          />
        ))}
    </StepForm>
  );
}

/** The PIN asked on an unrecognised device; a refused one is typed again. */
export function PinStep({ state, pending, errors, run, heading }: StepProps) {
  const [pin, setPin] = useState("");
  return (
    <StepForm
      onSubmit={() =>
        run(
          () => verifyPinAction({ ticket: state.ticket, pin }),
          () => setPin(""),
        )
      }
      pending={pending}
      error={errors.form}
    >
      {heading("Code PIN")}
      <p className="text-sm">Vous vous connectez depuis un appareil non enregistré : saisissez votre code PIN.</p>
      <PinPad label="Code PIN" value={pin} onChange={setPin} error={errors.pin} />
    </StepForm>
  );
}

/** "Enregistrement de l'appareil": remembered under a name, or not. */
export function DeviceStep({ state, pending, errors, run, heading, onCancel }: StepProps & { onCancel: () => void }) {
  const [remember, setRemember] = useState(true);
  const [deviceName, setDeviceName] = useState("");
  const ticket = state.ticket;
  return (
    <StepForm
      onSubmit={() => run(() => registerDeviceAction({ ticket, remember, name: deviceName }))}
      pending={pending}
      error={errors.form}
      submitLabel="Suivant"
      actions={
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Annuler
        </button>
      }
    >
      {heading("Enregistrement de l'appareil")}
      <p className="text-sm">
        Si vous utilisez régulièrement cet appareil pour vous connecter, enregistrez-le comme un appareil &quot;reconnu&quot;.
      </p>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
        J&apos;ajoute cet appareil à la liste de mes appareils &quot;reconnus&quot; sous le nom :
      </label>
      <Field
        id="u-device"
        label="Nom de l'appareil"
        value={deviceName}
        onChange={setDeviceName}
        error={errors.name}
        describedBy="u-device-hint"
      />
      <p id="u-device-hint" className="text-xs text-slate-700">
        Par exemple : Domicile, Salle 215, Tablette collègue, Mon téléphone ...
      </p>
    </StepForm>
  );
}
