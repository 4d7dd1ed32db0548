"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { StepForm } from "@/components/sign-in/step-form";
import { TextField as Field } from "@/components/text-field";
import { RecoveryCodesShown, TotpEnrolment } from "@/components/second-factor/totp-enrolment";
import {
  confirmOperatorEnrolmentAction,
  finishOperatorSignInAction,
  signOutOperatorAction,
  startOperatorEnrolmentAction,
  startOperatorSignInAction,
} from "@/lib/actions/operator-sign-in";

type Errors = Record<string, string | undefined>;
type Step = { ticket: string; next: "second-factor" | "enrol-second-factor" };

/** /operateur/connexion: e-mail and password, then the second factor (added at the first sign-in). */
export function OperatorSignIn() {
  const router = useRouter();
  const [values, setValues] = useState({ email: "", password: "", code: "" });
  const [step, setStep] = useState<Step | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [pending, startTransition] = useTransition();
  const enter = () => {
    router.push("/operateur");
    router.refresh();
  };

  if (codes) return <RecoveryCodesShown codes={codes} onDone={enter} />;
  if (!step) {
    return (
      <StepForm
        pending={pending}
        error={errors.form}
        submitLabel="Se connecter"
        onSubmit={() => {
          setErrors({});
          startTransition(async () => {
            const result = await startOperatorSignInAction({ email: values.email, password: values.password });
            if (result.ok) setStep(result.data);
            else setErrors({ ...result.fieldErrors, form: result.formError });
          });
        }}
      >
        <Field
          id="op-email"
          label="Adresse e-mail"
          autoComplete="username"
          value={values.email}
          onChange={(email) => setValues({ ...values, email })}
          error={errors.email}
        />
        <Field
          id="op-password"
          label="Mot de passe"
          type="password"
          autoComplete="current-password"
          value={values.password}
          onChange={(password) => setValues({ ...values, password })}
          error={errors.password}
        />
      </StepForm>
    );
  }
  if (step.next === "enrol-second-factor") {
    return (
      <div className="space-y-3">
        <h2 className="text-lg font-semibold">Double authentification obligatoire</h2>
        <p className="text-sm">
          Les opérateurs se connectent avec une application d&apos;authentification : ajoutez la vôtre pour continuer.
        </p>
        <TotpEnrolment
          idPrefix="op"
          start={() => startOperatorEnrolmentAction({ ticket: step.ticket })}
          confirm={(input) => confirmOperatorEnrolmentAction({ ticket: step.ticket, ...input })}
          onConfirmed={(result) => (result.recoveryCodes ? setCodes(result.recoveryCodes) : enter())}
        />
      </div>
    );
  }
  return (
    <StepForm
      pending={pending}
      error={errors.form}
      onSubmit={() => {
        setErrors({});
        startTransition(async () => {
          const result = await finishOperatorSignInAction({ ticket: step.ticket, code: values.code });
          if (result.ok) enter();
          else setErrors({ ...result.fieldErrors, form: result.formError });
        });
      }}
    >
      <h2 className="text-lg font-semibold">Double authentification</h2>
      <Field
        id="op-code"
        label="Code de l'application ou code de secours"
        autoComplete="one-time-code"
        value={values.code}
        onChange={(code) => setValues({ ...values, code })}
        error={errors.code}
      />
    </StepForm>
  );
}

/** "Déconnexion" of the operator's own session. */
export function OperatorSignOutButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      className="btn-secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await signOutOperatorAction({});
          router.push("/operateur/connexion");
          router.refresh();
        })
      }
    >
      Déconnexion
    </button>
  );
}
