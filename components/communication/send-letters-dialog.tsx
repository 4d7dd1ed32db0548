"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { startLetterBatchAction } from "@/lib/actions/communication";
import { ModalDialog } from "@/components/modal-dialog";
import { MOBILE_POPULATIONS, type Population } from "@/lib/letters/original-models";
import type { RecipientSelection } from "@/lib/server/letters/choose-recipients";
import type { RecipientSummary } from "@/lib/server/letters/recipients";
import { failureMessage } from "@/lib/action-result";
import { ConfirmSending, EntNotice } from "./confirm-sending";
import { LetterPreview } from "./letter-preview";
import type { LabelFormat } from "@/lib/schemas/letters";
import { PostOptions } from "./post-options";

type Model = { id: string; name: string; text: string; channel: string };
type Output = "PRINT" | "PDF" | "EMAIL" | "LABELS" | "SMS";

const OUTPUTS: { id: Output; label: string }[] = [
  { id: "PRINT", label: "Imprimante" },
  { id: "PDF", label: "PDF" },
  { id: "EMAIL", label: "E-mail" },
  // Seed 004: "Une alternative est d'utiliser le bouton Imprimer des étiquettes".
  { id: "LABELS", label: "Imprimer des étiquettes" },
  { id: "SMS", label: "SMS" },
];

const TIME = new Intl.DateTimeFormat("fr-FR", { timeStyle: "short" });

export type Chosen = {
  selection: RecipientSelection;
  count: number;
  withEmail: number;
  /** With a mobile number and SMS accepted. */
  withSms: number;
  /** Who signs in through the ENT only: their letters carry no password, no QR code. */
  throughEnt: number;
  /** The whole list shown, not a selection. */
  wholeList: boolean;
  sample: RecipientSummary | undefined;
};

type Props = {
  population: Population;
  populationLabel: string;
  models: Model[];
  canEmail: boolean;
  /** The establishment's postal address as kept: the sender of posted letters. */
  establishmentAddress: string;
  chosen: Chosen;
  onClose: () => void;
  onStarted: (message: string) => void;
};

/**
 * Fiche 11's window "Envoi de courrier et document": "Type de sortie", "*.pdf", the model, "Sans QR
 * code", "Aperçu", "Imprimer / Générer / Mailer", then for e-mail "Envoyer l'e-mail". It names its
 * request when it opens, so a double click or a retry finds the same batch.
 */
export function SendLettersDialog({
  population,
  populationLabel,
  models,
  canEmail,
  establishmentAddress,
  chosen,
  onClose,
  onStarted,
}: Props) {
  const id = useId();
  const router = useRouter();
  const [output, setOutput] = useState<Output>(canEmail ? "EMAIL" : "PDF");
  const [attachPdf, setAttachPdf] = useState(true);
  const [withQr, setWithQr] = useState(true);
  const [modelId, setModelId] = useState(models[0]?.id ?? "");
  const [perHousehold, setPerHousehold] = useState(false);
  const [labelFormat, setLabelFormat] = useState<LabelFormat>("3x8");
  const [address, setAddress] = useState(establishmentAddress);
  const posted = output === "PRINT" || output === "PDF";
  const [confirming, setConfirming] = useState(false);
  const [preview, setPreview] = useState(false);
  const [requestKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // An SMS has its own models ("Connexion des … (SMS)"); letters, labels and e-mails the others.
  const usable = models.filter((m) => (m.channel === "SMS") === (output === "SMS"));
  const model = usable.find((m) => m.id === modelId) ?? usable[0];
  const hasQr = MOBILE_POPULATIONS.includes(population);

  function start() {
    setError(null);
    startTransition(async () => {
      const result = await startLetterBatchAction({
        requestKey,
        population,
        modelId: model?.id ?? "",
        output,
        attachPdf,
        withQr,
        selection: chosen.selection,
        perHousehold: posted && perHousehold,
        ...(output === "LABELS" ? { labelFormat } : {}),
        ...(posted && address !== establishmentAddress ? { establishmentAddress: address } : {}),
      });
      if (!result.ok) {
        setError(failureMessage(result, "L'envoi a échoué."));
        return;
      }
      const pdf = `/api/courriers/${result.data.batchId}`;
      if (output === "PRINT") window.open(`${pdf}?impression`, "_blank", "noopener");
      if (output === "PDF" || output === "LABELS") window.location.assign(pdf);
      const at = TIME.format(new Date(result.data.createdAt));
      onStarted(
        result.data.already
          ? `Cet envoi a déjà été lancé à ${at} : il n'est pas lancé une seconde fois, suivez-le ci-dessous.`
          : output === "EMAIL" || output === "SMS"
            ? `Envoi de ${result.data.total - result.data.withoutEmail} ${output === "SMS" ? "SMS" : "e-mail(s)"} lancé : suivez-le ci-dessous, vous pouvez quitter la page.`
            : output === "LABELS"
              ? `${result.data.total} étiquette(s) en cours d'édition.`
              : `${result.data.total} courrier(s) en cours d'édition.`,
      );
      router.refresh();
    });
  }

  return (
    <ModalDialog
      open
      title="Envoi de courrier et document"
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Fermer
          </button>
          {confirming ? (
            <button type="button" className="btn btn-primary" onClick={start} disabled={pending}>
              {output === "SMS" ? "Envoyer les SMS" : "Envoyer l'e-mail"}
            </button>
          ) : (
            <>
              <button type="button" className="btn btn-secondary" onClick={() => setPreview(!preview)} aria-pressed={preview}>
                Aperçu
              </button>
              <button
                type="button"
                className="btn btn-primary"
                disabled={pending || !model}
                onClick={() => (output === "EMAIL" || output === "SMS" ? setConfirming(true) : start())}
              >
                Imprimer / Générer / Mailer
              </button>
            </>
          )}
        </>
      }
    >
      {confirming ? (
        <ConfirmSending output={output} chosen={chosen} modelName={model?.name ?? ""} attachPdf={attachPdf} />
      ) : (
        <div className="space-y-3">
          <p>
            {chosen.count} destinataire(s){chosen.wholeList ? " : toute la liste affichée" : ""}.
          </p>
          {chosen.throughEnt > 0 && <EntNotice count={chosen.throughEnt} />}
          <fieldset>
            <legend className="label">Type de sortie</legend>
            <div className="flex gap-4">
              {OUTPUTS.map((o) => (
                <label key={o.id} className="flex items-center gap-1">
                  <input type="radio" name={`${id}-output`} checked={output === o.id} onChange={() => setOutput(o.id)} />
                  {o.label}
                </label>
              ))}
            </div>
          </fieldset>
          {output === "EMAIL" && (
            <>
              {!canEmail && (
                <p className="field-error">
                  Aucun compte d&apos;envoi vérifié : paramétrez l&apos;envoi d&apos;e-mails avant d&apos;envoyer.
                </p>
              )}
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={attachPdf} onChange={(e) => setAttachPdf(e.target.checked)} />
                *.pdf
                <span className="text-slate-600">(joindre le document en PDF, conseillé pour conserver la mise en page)</span>
              </label>
            </>
          )}
          <PostOptions
            id={id}
            output={output}
            population={population}
            labelFormat={labelFormat}
            onLabelFormat={setLabelFormat}
            perHousehold={perHousehold}
            onPerHousehold={setPerHousehold}
            address={address}
            onAddress={setAddress}
          />
          {output !== "LABELS" && (
            <div>
              <label htmlFor={`${id}-model`} className="label">
                Modèles destinés aux {populationLabel.toLowerCase()}
              </label>
              <select id={`${id}-model`} className="input" value={model?.id ?? ""} onChange={(e) => setModelId(e.target.value)}>
                {usable.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {/* Only the Espaces of the mobile app have QR codes: the staff's letters have none to leave out. */}
          {hasQr && output !== "LABELS" && output !== "SMS" && (
            <label className="flex items-start gap-2">
              <input type="checkbox" checked={!withQr} onChange={(e) => setWithQr(!e.target.checked)} className="mt-1" />
              <span>
                Sans QR code (distribution en main propre)
                {population === "ELEVES" && (
                  <span className="block text-slate-600">
                    Il est déconseillé de distribuer ce courrier en main propre aux {populationLabel.toLowerCase()} : il est très facile de
                    scanner le QR code de son voisin.
                  </span>
                )}
              </span>
            </label>
          )}
          {preview && model && chosen.sample && (
            <LetterPreview
              population={population}
              modelId={model.id}
              withQr={withQr && hasQr && output !== "SMS"}
              recipientKey={chosen.sample.key}
            />
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </ModalDialog>
  );
}
