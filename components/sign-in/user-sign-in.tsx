"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { CredentialFields, NewPasswordFields, StepForm } from "@/components/sign-in/step-form";
import type { StepResult } from "@/lib/server/sign-in/controller/state";
import { personalizePasswordAction, resumeDirectorySignInAction, startUserSignInAction } from "@/lib/actions/user-sign-in";
import { ControllerStep, DeviceStep, type Errors, PinStep, type Run, SecurityStep } from "./user-sign-in-steps";
import { EnrolSecondFactorStep, SecondFactorStep } from "./second-factor-steps";

/** The port every controller listens on unless its provider says otherwise (Fiche 3). */
const DEFAULT_PORT = "21200";

/**
 * F12 / F17: "Connexion au contrôleur", step by step as the Client shows it (Fiche 7): the
 * controller's coordinates and "Se connecter", then the identifiant and the password, then the
 * windows of a first sign-in.
 */
export function UserSignIn({
  defaultDomain = "",
  defaultPort = DEFAULT_PORT,
  resume = false,
  initialError,
}: {
  defaultDomain?: string;
  defaultPort?: string;
  /** Back from the CAS server: the console's own steps take up its proof. */
  resume?: boolean;
  initialError?: string;
}) {
  const router = useRouter();
  const [controller, setController] = useState<{ domain: string; port: number; cas?: boolean; saml?: boolean } | null>(null);
  const [state, setState] = useState<StepResult | null>(null);
  const [values, setValues] = useState({ loginId: "", password: "", confirmation: "" });
  const [errors, setErrors] = useState<Errors>(initialError ? { form: initialError } : {});
  const resumed = useRef(false);
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

  const run: Run = (action, onRefused) => {
    setErrors({});
    startTransition(async () => {
      const result = await action();
      if (!result.ok) {
        // The controller stopped since "Se connecter": its field is no longer on screen.
        setErrors({ ...result.fieldErrors, form: result.formError ?? result.fieldErrors?.domain });
        onRefused?.(result);
        return;
      }
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
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival from the CAS server.
  useEffect(() => {
    if (!resume || resumed.current) return;
    resumed.current = true;
    run(async () => {
      const result = await resumeDirectorySignInAction({});
      if (!result.ok) return result;
      setController(result.data.controller);
      return { ok: true, data: result.data.step };
    });
  }, [resume]);

  const heading = (text: string) => (
    <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
      {text}
    </h2>
  );

  if (!controller) {
    return (
      <div className="space-y-4">
        {errors.form && (
          <p role="alert" className="field-error">
            {errors.form}
          </p>
        )}
        {!(resume && pending) && <ControllerStep defaultDomain={defaultDomain} defaultPort={defaultPort} onFound={setController} />}
      </div>
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
          <CredentialFields
            idPrefix="u"
            loginId={values.loginId}
            password={values.password}
            onLoginId={set("loginId")}
            onPassword={set("password")}
            errors={errors}
          />
        </StepForm>
        {controller.saml && (
          <p className="text-sm">
            Votre établissement vous connecte par son ENT ?{" "}
            <a className="btn-secondary" href={`/api/connexion/saml?${new URLSearchParams({ controleur: controller.domain })}`}>
              Se connecter par l&apos;ENT (SAML)
            </a>
          </p>
        )}
        {controller.cas && (
          <p className="text-sm">
            Votre établissement vous a donné un Identifiant CAS ?{" "}
            <a className="btn-secondary" href={`/api/connexion/cas?${new URLSearchParams({ controleur: controller.domain })}`}>
              Se connecter avec le CAS
            </a>
          </p>
        )}
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

  const props = { state: state!, pending, errors, setErrors, run, heading };
  if (step === "second-factor") return <SecondFactorStep {...props} />;
  if (step === "enrol-second-factor") return <EnrolSecondFactorStep {...props} />;
  if (step === "security") return <SecurityStep {...props} />;
  if (step === "pin") return <PinStep {...props} />;
  return <DeviceStep {...props} onCancel={() => setState(null)} />;
}
