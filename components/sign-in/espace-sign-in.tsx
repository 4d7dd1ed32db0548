"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import {
  linkEntIdentityAction,
  personalizeEspacePasswordAction,
  resumeEntSignInAction,
  startEspaceLetterSignInAction,
  startEspaceSignInAction,
} from "@/lib/actions/espace-sign-in";
import type { EspaceStep } from "@/lib/server/sign-in/espace/espace-sign-in";
import { CredentialFields, NewPasswordFields, StepForm } from "@/components/sign-in/step-form";
import { TextField as Field } from "@/components/text-field";

type Errors = Record<string, string | undefined>;
type Mode = "password" | "letter";

/**
 * The first connection of a person of the Espaces (F16/F17): with the letter's identifiant and
 * provisional password, or — as the mobile app does after flashing the QR code and typing the
 * security code — with the identifiant and the decrypted token. Both lead to the personalization.
 */
export function EspaceSignIn({
  defaultUrl = "",
  ent = false,
  resume = false,
  initialError,
}: {
  defaultUrl?: string;
  /** The Espace is integrated in an ENT: "Se connecter avec l'ENT" is offered. */
  ent?: boolean;
  /** Back from the ENT's CAS server: its proof is taken up. */
  resume?: boolean;
  initialError?: string;
}) {
  const [mode, setMode] = useState<Mode>("password");
  const [state, setState] = useState<EspaceStep | null>(null);
  const [values, setValues] = useState({ url: defaultUrl, loginId: "", password: "", token: "", newPassword: "", confirmation: "" });
  const [errors, setErrors] = useState<Errors>(initialError ? { form: initialError } : {});
  const [confirmed, setConfirmed] = useState(false);
  const resumed = useRef(false);
  const [pending, startTransition] = useTransition();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const set = (field: keyof typeof values) => (v: string) => setValues({ ...values, [field]: v });
  const credentials = {
    idPrefix: "e",
    loginId: values.loginId,
    password: values.password,
    onLoginId: set("loginId"),
    onPassword: set("password"),
    errors,
  };

  useEffect(() => {
    if (state) headingRef.current?.focus();
  }, [state]);

  function run(action: () => Promise<ActionResult<EspaceStep>>) {
    setErrors({});
    startTransition(async () => {
      const result = await action();
      if (result.ok) setState(result.data);
      else setErrors({ ...result.fieldErrors, form: result.formError });
    });
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival from the ENT.
  useEffect(() => {
    if (!resume || resumed.current) return;
    resumed.current = true;
    run(() => resumeEntSignInAction({}));
  }, [resume]);

  if (state?.next === "link") {
    return (
      <StepForm
        onSubmit={() =>
          run(() => linkEntIdentityAction({ ticket: state.ticket, loginId: values.loginId, password: values.password, confirmed }))
        }
        pending={pending}
        error={errors.form}
      >
        <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
          Première connexion par l&apos;ENT
        </h2>
        <p className="text-sm">
          L&apos;ENT vous a authentifié. Pour cette première fois, saisissez l&apos;identifiant et le mot de passe de votre courrier de
          connexion : les fois suivantes, l&apos;ENT suffira.
        </p>
        <p className="text-sm font-medium">Vous allez associer votre compte à l&apos;identité ENT « {state.entIdentity} ».</p>
        <CredentialFields {...credentials} />
        <div>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
              aria-invalid={errors.confirmed ? true : undefined}
              aria-describedby={errors.confirmed ? "e-confirmed-error" : undefined}
            />
            Je confirme que cette identité ENT est la mienne
          </label>
          {errors.confirmed && (
            <p id="e-confirmed-error" role="alert" className="field-error">
              {errors.confirmed}
            </p>
          )}
        </div>
      </StepForm>
    );
  }

  if (state?.next === "done") {
    return (
      <div className="space-y-2">
        <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
          {state.espaceName}
        </h2>
        <p role="status">
          Vous êtes connecté(e) à l&apos;{state.espaceName} : {state.displayName}.
        </p>
      </div>
    );
  }

  if (state?.next === "personalize") {
    return (
      <StepForm
        onSubmit={() =>
          run(() =>
            personalizeEspacePasswordAction({ ticket: state.ticket, password: values.newPassword, confirmation: values.confirmation }),
          )
        }
        pending={pending}
        error={errors.form}
      >
        <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
          Personnalisation du mot de passe
        </h2>
        <p className="text-sm">
          {state.displayName}, votre mot de passe est provisoire. Choisissez votre mot de passe personnel : le mot de passe provisoire et le
          QR code de votre courrier ne fonctionneront plus.
        </p>
        <NewPasswordFields
          idPrefix="e"
          password={values.newPassword}
          confirmation={values.confirmation}
          onPassword={set("newPassword")}
          onConfirmation={set("confirmation")}
          errors={errors}
          minLength={state.passwordMinLength}
        />
      </StepForm>
    );
  }

  return (
    <StepForm
      onSubmit={() =>
        run(() =>
          mode === "password"
            ? startEspaceSignInAction({ url: values.url, loginId: values.loginId, password: values.password })
            : startEspaceLetterSignInAction({ url: values.url, loginId: values.loginId, token: values.token }),
        )
      }
      pending={pending}
      error={errors.form}
    >
      <fieldset className="flex gap-4">
        <legend className="label">Se connecter avec</legend>
        <label className="flex items-center gap-1">
          <input type="radio" name="e-mode" checked={mode === "password"} onChange={() => setMode("password")} />
          Identifiant et mot de passe
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" name="e-mode" checked={mode === "letter"} onChange={() => setMode("letter")} />
          QR code du courrier (application mobile)
        </label>
      </fieldset>
      <Field id="e-url" label="Adresse de l'Espace" value={values.url} onChange={set("url")} error={errors.url} />
      <CredentialFields
        {...credentials}
        secret={
          mode === "letter" ? (
            <Field
              id="e-token"
              label="Jeton (déchiffré avec le code de sécurité)"
              value={values.token}
              onChange={set("token")}
              autoComplete="off"
              error={errors.token}
            />
          ) : undefined
        }
      />
      {ent && (
        <p className="text-sm">
          Votre établissement utilise un ENT ?{" "}
          <a className="btn-secondary" href={`/api/espace/ent?${new URLSearchParams({ adresse: values.url })}`}>
            Se connecter avec l&apos;ENT
          </a>
        </p>
      )}
    </StepForm>
  );
}
