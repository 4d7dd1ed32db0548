"use client";

import { useState, useTransition } from "react";
import { TextField as Field } from "@/components/text-field";
import type { ActionResult } from "@/lib/action-result";

export type Enrolment = { factorId: string; secret: string; qrSvg: string; uri: string };
type Errors = Record<string, string | undefined>;

/**
 * Adding an authenticator application: its QR code (or the secret, typed by hand), then the first
 * code it shows, which confirms it. `start` and `confirm` are the caller's actions: the signed-in
 * owner's, or a sign-in step's.
 */
export function TotpEnrolment<T>({
  start,
  confirm,
  onConfirmed,
  idPrefix,
}: {
  start: () => Promise<ActionResult<Enrolment>>;
  confirm: (input: { factorId: string; code: string; name: string }) => Promise<ActionResult<T>>;
  onConfirmed: (result: T) => void;
  idPrefix: string;
}) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [pending, startTransition] = useTransition();

  if (!enrolment) {
    return (
      <div className="space-y-2">
        <button
          type="button"
          className="btn-primary"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await start();
              if (result.ok) setEnrolment(result.data);
              else setErrors({ form: result.formError });
            })
          }
        >
          Ajouter une application d&apos;authentification
        </button>
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      </div>
    );
  }
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors({});
        startTransition(async () => {
          const result = await confirm({ factorId: enrolment.factorId, code, name });
          if (result.ok) onConfirmed(result.data);
          else setErrors({ ...result.fieldErrors, form: result.formError });
        });
      }}
    >
      <p className="text-sm">
        Scannez ce QR code avec votre application d&apos;authentification (FreeOTP, Aegis, Google Authenticator, Microsoft Authenticator…),
        puis saisissez le code à 6 chiffres qu&apos;elle affiche.
      </p>
      <div
        role="img"
        aria-label="QR code de l'application d'authentification"
        className="h-44 w-44 border border-slate-300 bg-white p-1"
        // Our own SVG, drawn by qrcode on the server from the otpauth:// address: no markup of anyone else's.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: see above.
        dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
      />
      <p className="text-sm">
        Sans appareil photo, saisissez cette clé dans l&apos;application :{" "}
        <code className="rounded bg-slate-100 px-1 font-mono" data-testid="totp-secret">
          {enrolment.secret}
        </code>
      </p>
      <Field id={`${idPrefix}-factor-name`} label="Nom de l'application (facultatif)" value={name} onChange={setName} error={errors.name} />
      <Field
        id={`${idPrefix}-factor-code`}
        label="Code à 6 chiffres"
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onChange={setCode}
        error={errors.code}
      />
      <p className="field-error" role="alert">
        {errors.form}
      </p>
      <button type="submit" className="btn-primary" disabled={pending}>
        Valider
      </button>
    </form>
  );
}

/** The ten recovery codes, shown once. */
export function RecoveryCodesShown({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <section className="space-y-3" aria-labelledby="titre-codes-secours">
      <h3 id="titre-codes-secours" className="font-semibold">
        Vos codes de secours
      </h3>
      <p className="text-sm">
        Notez ces codes et gardez-les en lieu sûr : si vous perdez votre appareil, chacun permet une connexion, une seule fois. Ils ne
        seront plus affichés.
      </p>
      <ul className="grid grid-cols-2 gap-1 font-mono text-sm" aria-label="Codes de secours">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <button type="button" className="btn-primary" onClick={onDone}>
        J&apos;ai noté mes codes de secours
      </button>
    </section>
  );
}
