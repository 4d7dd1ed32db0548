"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { PinPad } from "@/components/pin-pad";
import { NewPasswordFields, StepForm } from "@/components/sign-in/step-form";
import { MEASURE_TEXT } from "@/lib/measures";
import type { ActionResult } from "@/lib/action-result";
import type { StepResult } from "@/lib/server/user-sign-in/state";
import {
  chooseSecurityMeasureAction,
  findControllerAction,
  personalizePasswordAction,
  registerDeviceAction,
  startUserSignInAction,
  verifyPinAction,
} from "@/lib/actions/user-sign-in";

import { TextField as Field } from "@/components/text-field";

type Errors = Record<string, string | undefined>;

/** The port every controller listens on unless its provider says otherwise (Fiche 3). */
const DEFAULT_PORT = "21200";

/**
 * F12 / F17: "Connexion au contrôleur", step by step as the Client shows it (Fiche 7): the
 * controller's coordinates and "Se connecter", then the identifiant and the password, then the
 * windows of a first sign-in.
 */
export function UserSignIn({ defaultDomain = "", defaultPort = DEFAULT_PORT }: { defaultDomain?: string; defaultPort?: string }) {
  const router = useRouter();
  const [controller, setController] = useState<{ domain: string; port: number } | null>(null);
  const [coordinates, setCoordinates] = useState({ domain: defaultDomain, port: defaultPort });
  const [state, setState] = useState<StepResult | null>(null);
  const [values, setValues] = useState({ loginId: "", password: "", confirmation: "" });
  const [measure, setMeasure] = useState<keyof typeof MEASURE_TEXT | null>(null);
  const [pin, setPin] = useState("");
  const [pinConfirmation, setPinConfirmation] = useState("");
  const [pinStage, setPinStage] = useState<"first" | "confirm">("first");
  const [remember, setRemember] = useState(true);
  const [deviceName, setDeviceName] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [pending, startTransition] = useTransition();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const step = state?.next ?? "credentials";
  const set = (field: keyof typeof values) => (v: string) => setValues({ ...values, [field]: v });

  // Each window takes the focus, so that a keyboard or screen-reader user follows the steps.
  useEffect(() => {
    if (state) headingRef.current?.focus();
  }, [state?.next, state]);
  // Connected, or back from a later window: the identifiant is what is typed next.
  useEffect(() => {
    if (controller && !state) document.getElementById("u-login")?.focus();
  }, [controller, state]);

  function run(action: () => Promise<ActionResult<StepResult>>) {
    setErrors({});
    startTransition(async () => {
      const result = await action();
      if (!result.ok) {
        // The controller stopped since "Se connecter": its field is no longer on screen.
        setErrors({ ...result.fieldErrors, form: result.formError ?? result.fieldErrors?.domain });
        // A refused PIN is typed again from the start, both times.
        if (result.fieldErrors?.pin || result.fieldErrors?.pinConfirmation) {
          setPin("");
          setPinConfirmation("");
          setPinStage("first");
        }
        return;
      }
      setPin("");
      setPinConfirmation("");
      setPinStage("first");
      if (result.data.next === "done") {
        const session = await signIn("controller-user", { ticket: result.data.ticket, redirect: false });
        if (session?.ok && !session.error) {
          router.push("/espace");
          router.refresh();
        } else setErrors({ form: session?.error ?? "La connexion a échoué." });
        return;
      }
      setState(result.data);
    });
  }

  const heading = (text: string) => (
    <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
      {text}
    </h2>
  );

  if (!controller) {
    return (
      <StepForm
        submitLabel="Se connecter"
        pending={pending}
        error={errors.form}
        onSubmit={() => {
          setErrors({});
          startTransition(async () => {
            const result = await findControllerAction(coordinates);
            if (result.ok) setController(result.data);
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

  if (step === "credentials") {
    return (
      <div className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm">
          <p role="status">
            Connecté au contrôleur{" "}
            <strong>
              {controller.domain} : {controller.port}
            </strong>
          </p>
          <button
            type="button"
            className="btn-secondary"
            onClick={() => {
              setController(null);
              setErrors({});
              setValues({ ...values, password: "" });
            }}
          >
            Se déconnecter
          </button>
        </div>
        <StepForm
          onSubmit={() =>
            run(() => startUserSignInAction({ domain: controller.domain, loginId: values.loginId, password: values.password }))
          }
          pending={pending}
          error={errors.form}
        >
          <h2 className="text-lg font-semibold">Connexion</h2>
          <p className="text-sm">Saisissez votre identifiant et votre mot de passe, puis cliquez sur Valider.</p>
          <Field
            id="u-login"
            label="Identifiant de connexion :"
            value={values.loginId}
            onChange={set("loginId")}
            autoComplete="username"
            error={errors.loginId}
          />
          <Field
            id="u-password"
            label="Mot de passe :"
            type="password"
            value={values.password}
            onChange={set("password")}
            autoComplete="current-password"
            error={errors.password}
          />
        </StepForm>
      </div>
    );
  }

  const ticket = state!.ticket;

  if (step === "personalize") {
    return (
      <StepForm
        onSubmit={() => run(() => personalizePasswordAction({ ticket, password: values.password, confirmation: values.confirmation }))}
        pending={pending}
        error={errors.form}
      >
        {heading("Personnalisation du mot de passe")}
        <p className="text-sm">
          Votre mot de passe est provisoire. Choisissez votre mot de passe personnel : le mot de passe provisoire ne fonctionnera plus.
        </p>
        <NewPasswordFields
          idPrefix="u"
          password={values.password}
          confirmation={values.confirmation}
          onPassword={set("password")}
          onConfirmation={set("confirmation")}
          errors={errors}
          minLength={state!.passwordMinLength}
        />
      </StepForm>
    );
  }

  if (step === "security") {
    const confirmingPin = measure === "PIN" && pinStage === "confirm";
    return (
      <StepForm
        pending={pending}
        error={errors.form}
        onSubmit={() => {
          if (!measure) return setErrors({ measure: "Choisissez une mesure de sécurité." });
          if (measure === "PIN" && pinStage === "first") {
            if (pin.length < state!.pinMinLength) {
              return setErrors({ pin: `Le code PIN doit contenir au moins ${state!.pinMinLength} chiffres` });
            }
            setErrors({});
            return setPinStage("confirm");
          }
          run(() => chooseSecurityMeasureAction({ ticket, measure, pin, pinConfirmation }));
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
          {state!.allowedMeasures.map((m) => (
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
              hint={`Le code PIN doit contenir au moins ${state!.pinMinLength} chiffres`}
            />
          ))}
      </StepForm>
    );
  }

  if (step === "pin") {
    return (
      <StepForm onSubmit={() => run(() => verifyPinAction({ ticket, pin }))} pending={pending} error={errors.form}>
        {heading("Code PIN")}
        <p className="text-sm">Vous vous connectez depuis un appareil non enregistré : saisissez votre code PIN.</p>
        <PinPad label="Code PIN" value={pin} onChange={setPin} error={errors.pin} />
      </StepForm>
    );
  }

  return (
    <StepForm
      onSubmit={() => run(() => registerDeviceAction({ ticket, remember, name: deviceName }))}
      pending={pending}
      error={errors.form}
      submitLabel="Suivant"
      actions={
        <button type="button" className="btn-secondary" onClick={() => setState(null)}>
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
