"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ModalDialog } from "@/components/modal-dialog";
import { TextField as Field } from "@/components/text-field";
import type { ActionResult } from "@/lib/action-result";
import {
  resendSendingCodeAction,
  secureSendingAccountAction,
  startEstablishmentAccountAction,
  startPersonalAccountAction,
  verifySendingCodeAction,
} from "@/lib/actions/communication";

type Step = 2 | 3 | 4 | 5;
const TITLES: Record<Exclude<Step, 2>, string> = {
  3: "Etape 3 : Vérification du code",
  4: "Etape 4 : Sécurisation du compte",
  5: "Création du compte finalisée",
};

type Props = { kind: "PERSONAL"; identity: { name: string; email: string } } | { kind: "ESTABLISHMENT"; identity?: undefined };

/**
 * F15 "Paramétrer l'envoi d'e-mails": the personal account wizard of Fiche 10 — or the same steps
 * for an establishment's account, whose address is proven the same way.
 */
export function SendingAccountWizard({ kind, identity }: Props) {
  const id = useId();
  const router = useRouter();
  const personal = kind === "PERSONAL";
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<Step>(2);
  const [name, setName] = useState(identity?.name ?? "");
  const [email, setEmail] = useState(identity?.email ?? "");
  const [sendingAccountId, setSendingAccountId] = useState<string | undefined>(undefined);
  const [code, setCode] = useState("");
  const [question, setQuestion] = useState("");
  const [answer, setAnswer] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [resent, setResent] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function run<T>(action: () => Promise<ActionResult<T>>, next: Step, onOk?: (data: T) => void) {
    setErrors({});
    setFormError(null);
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        onOk?.(result.data);
        setStep(next);
      } else {
        setErrors(result.fieldErrors ?? {});
        setFormError(result.formError ?? null);
      }
    });
  }

  function next(event: React.FormEvent) {
    event.preventDefault();
    if (step === 2) {
      const start = personal ? startPersonalAccountAction : startEstablishmentAccountAction;
      run(
        () => start({ name, email }),
        3,
        (data) => setSendingAccountId(personal ? undefined : data.sendingAccountId),
      );
    }
    if (step === 3) run(() => verifySendingCodeAction({ code, sendingAccountId }), 4);
    if (step === 4) run(() => secureSendingAccountAction({ question, answer, sendingAccountId }), 5);
  }

  function close() {
    setOpen(false);
    setStep(2);
    setCode("");
    setAnswer("");
    router.refresh();
  }

  return (
    <>
      {/* Its name is what it shows (WCAG 2.5.3), the guide's "+ à gauche de Comptes personnels". */}
      <button type="button" id={personal ? "comptes-personnels" : undefined} className="btn-secondary" onClick={() => setOpen(true)}>
        {personal ? "+ Comptes personnels" : "+ Comptes de l'établissement"}
      </button>
      <ModalDialog
        open={open}
        title={`Paramétrer l'envoi d'e-mails - ${step !== 2 ? TITLES[step] : personal ? "Etape 2 : Création du compte personnel" : "Etape 2 : Création du compte de l'établissement"}`}
        onCancel={close}
        actions={
          step === 5 ? (
            <button type="button" className="btn-primary" onClick={close}>
              Fermer
            </button>
          ) : (
            <>
              <button type="button" className="btn-secondary" onClick={close}>
                Annuler
              </button>
              {step > 2 && (
                <button type="button" className="btn-secondary" onClick={() => setStep((s) => (s - 1) as Step)} disabled={pending}>
                  Précédent
                </button>
              )}
              <button type="submit" form={`${id}-form`} className="btn-primary" disabled={pending}>
                Suivant
              </button>
            </>
          )
        }
      >
        <form id={`${id}-form`} noValidate onSubmit={next} className="space-y-3">
          {step === 2 && (
            <>
              {identity && (
                <fieldset>
                  <legend className="font-semibold">1. Choix du type de compte</legend>
                  <label className="mt-1 flex items-center gap-2">
                    <input type="radio" name={`${id}-type`} defaultChecked />
                    Utiliser l&apos;identité de l&apos;utilisateur connecté ({identity.name}
                    {identity.email ? ` (${identity.email})` : ""})
                  </label>
                </fieldset>
              )}
              <fieldset className="space-y-2">
                <legend className="font-semibold">2. Désignation du compte</legend>
                <Field id={`${id}-name`} label="Nom du compte" value={name} onChange={setName} error={errors.name} />
                <Field
                  id={`${id}-email`}
                  label="Adresse e-mail"
                  value={email}
                  onChange={setEmail}
                  error={errors.email}
                  autoComplete="email"
                />
              </fieldset>
            </>
          )}
          {step === 3 && (
            <>
              <p>Un e-mail vient d&apos;être envoyé à l&apos;adresse {email}, merci de saisir ci-dessous le code reçu :</p>
              <Field
                id={`${id}-code`}
                label="Code reçu"
                value={code}
                onChange={setCode}
                error={errors.code}
                inputMode="numeric"
                autoComplete="one-time-code"
              />
              <button
                type="button"
                className="text-sm text-brand underline"
                disabled={pending}
                onClick={() => {
                  setErrors({});
                  setFormError(null);
                  setResent(null);
                  startTransition(async () => {
                    const result = await resendSendingCodeAction({ sendingAccountId });
                    if (result.ok) {
                      setCode("");
                      setResent(`Un nouveau code vient d'être envoyé à ${result.data.email} : le précédent ne sert plus.`);
                    } else
                      setErrors({
                        code:
                          result.fieldErrors?.code ?? result.fieldErrors?.email ?? result.formError ?? "Le code n'a pas pu être envoyé.",
                      });
                  });
                }}
              >
                Je n&apos;ai pas reçu le code
              </button>
              <p role="status" className="text-sm text-ok">
                {resent}
              </p>
            </>
          )}
          {step === 4 && (
            <>
              <p>Saisie d&apos;une question secrète : elle protège {personal ? "votre" : "ce"} compte d&apos;envoi.</p>
              <Field id={`${id}-question`} label="Question" value={question} onChange={setQuestion} error={errors.question} />
              <Field id={`${id}-answer`} label="Réponse" value={answer} onChange={setAnswer} error={errors.answer} />
            </>
          )}
          {step === 5 && <p role="status">La création du compte est finalisée : les courriers peuvent partir de {email}.</p>}
          <p role="alert" className="field-error">
            {formError}
          </p>
        </form>
      </ModalDialog>
    </>
  );
}
