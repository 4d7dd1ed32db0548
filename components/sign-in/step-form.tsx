"use client";

import { PasswordRulesList } from "@/components/password-rules-list";
import { TextField as Field } from "@/components/text-field";

/** One window of a sign-in: its fields, the message of a refusal, and "Valider". */
export function StepForm({
  onSubmit,
  pending,
  error,
  children,
  actions,
  submitLabel = "Valider",
}: {
  onSubmit: () => void;
  pending: boolean;
  error?: string;
  children: React.ReactNode;
  /** Buttons before "Valider", when the window has more than one. */
  actions?: React.ReactNode;
  submitLabel?: string;
}) {
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <p className="field-error" role="alert">
        {error}
      </p>
      <div className="flex gap-2">
        {actions}
        <button type="submit" className="btn-primary" disabled={pending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/** F17 the personal password typed twice, with the rules it must follow ticked as it is typed. */
export function NewPasswordFields(props: {
  idPrefix: string;
  password: string;
  confirmation: string;
  onPassword: (v: string) => void;
  onConfirmation: (v: string) => void;
  errors: Record<string, string | undefined>;
  minLength: number;
}) {
  const rules = `${props.idPrefix}-rules`;
  return (
    <>
      <Field
        id={`${props.idPrefix}-new`}
        label="Nouveau mot de passe"
        type="password"
        autoComplete="new-password"
        value={props.password}
        onChange={props.onPassword}
        error={props.errors.password}
        describedBy={rules}
      />
      <Field
        id={`${props.idPrefix}-confirm`}
        label="Confirmation du mot de passe"
        type="password"
        autoComplete="new-password"
        value={props.confirmation}
        onChange={props.onConfirmation}
        error={props.errors.confirmation}
      />
      <PasswordRulesList id={rules} password={props.password} minLength={props.minLength} />
    </>
  );
}

/**
 * "Identifiant de connexion :" and "Mot de passe :" as every sign-in window asks them; `secret`
 * stands in the password's place where another proof is typed (the mobile app's token).
 */
export function CredentialFields(props: {
  idPrefix: string;
  loginId: string;
  password: string;
  onLoginId: (v: string) => void;
  onPassword: (v: string) => void;
  errors: Record<string, string | undefined>;
  secret?: React.ReactNode;
}) {
  return (
    <>
      <Field
        id={`${props.idPrefix}-login`}
        label="Identifiant de connexion :"
        value={props.loginId}
        onChange={props.onLoginId}
        autoComplete="username"
        error={props.errors.loginId}
      />
      {props.secret ?? (
        <Field
          id={`${props.idPrefix}-password`}
          label="Mot de passe :"
          type="password"
          value={props.password}
          onChange={props.onPassword}
          autoComplete="current-password"
          error={props.errors.password}
        />
      )}
    </>
  );
}
