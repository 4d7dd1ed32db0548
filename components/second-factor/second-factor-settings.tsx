"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { TextField as Field } from "@/components/text-field";
import { RecoveryCodesShown, TotpEnrolment } from "@/components/second-factor/totp-enrolment";
import {
  addTotpFactorAction,
  removeSecondFactorAction,
  renewRecoveryCodesAction,
  startTotpEnrolmentAction,
} from "@/lib/actions/second-factor";

type Factor = { id: string; kind: string; name: string; confirmedAt: string; lastUsedAt: string | null };
type Errors = Record<string, string | undefined>;

/**
 * "Double authentification" of the owner signed in: his applications, the recovery codes left,
 * adding one; removing one or renewing the codes asks a current code.
 */
export function SecondFactorSettings({ factors, codesLeft, required }: { factors: Factor[]; codesLeft: number; required: boolean }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [confirming, setConfirming] = useState<{ kind: "remove"; factor: Factor } | { kind: "renew" } | null>(null);
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [pending, startTransition] = useTransition();
  const [round, setRound] = useState(0);

  if (codes) {
    return (
      <RecoveryCodesShown
        codes={codes}
        onDone={() => {
          setCodes(null);
          router.refresh();
        }}
      />
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-sm">
        {factors.length === 0
          ? required
            ? "La double authentification est obligatoire pour votre compte : ajoutez une application d'authentification."
            : "Aucune application d'authentification : votre compte n'est protégé que par son mot de passe."
          : `Double authentification activée. Codes de secours restants : ${codesLeft} sur 10.`}
      </p>
      {factors.length > 0 && (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1">
                Nom
              </th>
              <th scope="col">Ajoutée le</th>
              <th scope="col">Dernière utilisation</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {factors.map((f) => (
              <tr key={f.id} className="border-b border-slate-200">
                <td className="py-2">{f.name}</td>
                <td>{f.confirmedAt}</td>
                <td>{f.lastUsedAt ?? "—"}</td>
                <td className="text-right">
                  <button type="button" className="btn-secondary" onClick={() => setConfirming({ kind: "remove", factor: f })}>
                    Retirer<span className="sr-only"> {f.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <form
          noValidate
          className="space-y-2 rounded-md border border-slate-300 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            setErrors({});
            startTransition(async () => {
              if (confirming.kind === "remove") {
                const result = await removeSecondFactorAction({ factorId: confirming.factor.id, code });
                if (!result.ok) return setErrors({ ...result.fieldErrors, form: result.formError });
                router.refresh();
              } else {
                const result = await renewRecoveryCodesAction({ code });
                if (!result.ok) return setErrors({ ...result.fieldErrors, form: result.formError });
                setCodes(result.data);
              }
              setConfirming(null);
              setCode("");
            });
          }}
        >
          <p className="text-sm">
            {confirming.kind === "remove"
              ? `Pour retirer « ${confirming.factor.name} », saisissez un code de votre application (ou un code de secours).`
              : "Pour générer de nouveaux codes de secours, saisissez un code de votre application : les anciens ne fonctionneront plus."}
          </p>
          <Field
            id="factor-confirm-code"
            label="Code de confirmation"
            autoComplete="one-time-code"
            value={code}
            onChange={setCode}
            error={errors.code}
          />
          <p className="field-error" role="alert">
            {errors.form}
          </p>
          <div className="flex gap-2">
            <button type="button" className="btn-secondary" onClick={() => setConfirming(null)}>
              Annuler
            </button>
            <button type="submit" className="btn-primary" disabled={pending}>
              Confirmer
            </button>
          </div>
        </form>
      )}
      <div className="flex flex-wrap items-start gap-2">
        <TotpEnrolment
          key={round}
          idPrefix="mine"
          start={() => startTotpEnrolmentAction({})}
          confirm={addTotpFactorAction}
          onConfirmed={(result) => {
            setRound(round + 1);
            if (result.recoveryCodes) setCodes(result.recoveryCodes);
            else router.refresh();
          }}
        />
        {factors.length > 0 && (
          <button type="button" className="btn-secondary" onClick={() => setConfirming({ kind: "renew" })}>
            Générer de nouveaux codes de secours
          </button>
        )}
      </div>
    </div>
  );
}
