"use client";

import { type ReactNode, useState } from "react";
import { StepForm } from "@/components/sign-in/step-form";
import { TextField as Field } from "@/components/text-field";
import { RecoveryCodesShown, TotpEnrolment } from "@/components/second-factor/totp-enrolment";
import type { StepResult } from "@/lib/server/sign-in/controller/state";
import { confirmFactorEnrolmentAction, startFactorEnrolmentAction, verifySecondFactorAction } from "@/lib/actions/user-sign-in";
import type { Errors, Run } from "./user-sign-in-steps";

type Props = { state: StepResult; pending: boolean; errors: Errors; run: Run; heading: (text: string) => ReactNode };

/** "Double authentification": a code of his application, or one of his recovery codes. */
export function SecondFactorStep({ state, pending, errors, run, heading }: Props) {
  const [code, setCode] = useState("");
  return (
    <StepForm onSubmit={() => run(() => verifySecondFactorAction({ ticket: state.ticket, code }))} pending={pending} error={errors.form}>
      {heading("Double authentification")}
      <p className="text-sm">
        Saisissez le code à 6 chiffres affiché par votre application d&apos;authentification. Appareil perdu ? Saisissez l&apos;un de vos
        codes de secours.
      </p>
      <Field
        id="u-factor-code"
        label="Code de l'application ou code de secours"
        autoComplete="one-time-code"
        value={code}
        onChange={setCode}
        error={errors.code}
      />
    </StepForm>
  );
}

/** Required of him and none yet: he adds an application, notes his recovery codes, and goes on. */
export function EnrolSecondFactorStep({ state, run, heading }: Props) {
  const [done, setDone] = useState<(StepResult & { recoveryCodes: string[] | null }) | null>(null);
  const goOn = (next: StepResult) => run(async () => ({ ok: true, data: next }));
  return (
    <div className="space-y-3">
      {heading("Double authentification obligatoire")}
      {done?.recoveryCodes ? (
        <RecoveryCodesShown codes={done.recoveryCodes} onDone={() => goOn(done)} />
      ) : (
        <>
          <p className="text-sm">
            Votre établissement demande aux superadministrateurs une double authentification : ajoutez une application
            d&apos;authentification pour continuer.
          </p>
          <TotpEnrolment
            idPrefix="u"
            start={() => startFactorEnrolmentAction({ ticket: state.ticket })}
            confirm={(input) => confirmFactorEnrolmentAction({ ticket: state.ticket, ...input })}
            onConfirmed={(result) => (result.recoveryCodes ? setDone(result) : goOn(result))}
          />
        </>
      )}
    </div>
  );
}
