"use client";

import { useEffect, useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { MergedLine } from "@/lib/letters/model-tags";
import { previewLetterAction, startLetterBatchAction } from "@/lib/actions/communication";
import { ModalDialog } from "@/components/modal-dialog";
import { MOBILE_POPULATIONS, type Population } from "@/lib/letters/original-models";
import type { RecipientSelection } from "@/lib/server/letters/choose-recipients";
import type { RecipientSummary } from "@/lib/server/letters/recipients";
import { failureMessage } from "@/lib/action-result";

type Model = { id: string; name: string; text: string };
type Output = "PRINT" | "PDF" | "EMAIL";

const OUTPUTS: { id: Output; label: string }[] = [
  { id: "PRINT", label: "Imprimante" },
  { id: "PDF", label: "PDF" },
  { id: "EMAIL", label: "E-mail" },
];

const TIME = new Intl.DateTimeFormat("fr-FR", { timeStyle: "short" });

export type Chosen = {
  selection: RecipientSelection;
  count: number;
  withEmail: number;
  /** The whole list shown, not a selection. */
  wholeList: boolean;
  sample: RecipientSummary | undefined;
};

type Props = {
  population: Population;
  populationLabel: string;
  models: Model[];
  canEmail: boolean;
  chosen: Chosen;
  onClose: () => void;
  onStarted: (message: string) => void;
};

/**
 * Fiche 11's window "Envoi de courrier et document": "Type de sortie", "*.pdf", the model, "Sans QR
 * code", "Aperçu", "Imprimer / Générer / Mailer", then for e-mail "Envoyer l'e-mail". It names its
 * request when it opens, so a double click or a retry finds the same batch.
 */
export function SendLettersDialog({ population, populationLabel, models, canEmail, chosen, onClose, onStarted }: Props) {
  const id = useId();
  const router = useRouter();
  const [output, setOutput] = useState<Output>(canEmail ? "EMAIL" : "PDF");
  const [attachPdf, setAttachPdf] = useState(true);
  const [withQr, setWithQr] = useState(true);
  const [modelId, setModelId] = useState(models[0]?.id ?? "");
  const [confirming, setConfirming] = useState(false);
  const [preview, setPreview] = useState(false);
  const [requestKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const model = models.find((m) => m.id === modelId);
  const hasQr = MOBILE_POPULATIONS.includes(population);

  function start() {
    setError(null);
    startTransition(async () => {
      const result = await startLetterBatchAction({
        requestKey,
        population,
        modelId,
        output,
        attachPdf,
        withQr,
        selection: chosen.selection,
      });
      if (!result.ok) {
        setError(failureMessage(result, "L'envoi a échoué."));
        return;
      }
      const pdf = `/api/courriers/${result.data.batchId}`;
      if (output === "PRINT") window.open(`${pdf}?impression`, "_blank", "noopener");
      if (output === "PDF") window.location.assign(pdf);
      const at = TIME.format(new Date(result.data.createdAt));
      onStarted(
        result.data.already
          ? `Cet envoi a déjà été lancé à ${at} : il n'est pas lancé une seconde fois, suivez-le ci-dessous.`
          : output === "EMAIL"
            ? `Envoi de ${result.data.total - result.data.withoutEmail} e-mail(s) lancé : suivez-le ci-dessous, vous pouvez quitter la page.`
            : `${result.data.total} courrier(s) en cours d'édition.`,
      );
      router.refresh();
    });
  }

  // The Aperçu is the server's merge of the first chosen recipient's letter, as the PDF prints it.
  const [merged, setMerged] = useState<{ lines: MergedLine[]; withQr: boolean } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const sampleKey = chosen.sample?.key;
  useEffect(() => {
    if (!preview || !model || !sampleKey) {
      setMerged(null);
      return;
    }
    let current = true;
    previewLetterAction({ population, modelId: model.id, withQr: withQr && hasQr, recipientKey: sampleKey }).then((result) => {
      if (!current) return;
      setMerged(result.ok ? result.data : null);
      setPreviewError(result.ok ? null : failureMessage(result, "L'aperçu n'a pas pu être fait."));
    });
    return () => {
      current = false;
    };
  }, [preview, model, sampleKey, population, withQr, hasQr]);

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
              Envoyer l&apos;e-mail
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
                onClick={() => (output === "EMAIL" ? setConfirming(true) : start())}
              >
                Imprimer / Générer / Mailer
              </button>
            </>
          )}
        </>
      }
    >
      {confirming ? (
        <div className="space-y-2">
          <p>
            {chosen.withEmail} destinataire(s) recevront le courrier « {model?.name} » par e-mail
            {attachPdf ? ", le document joint en PDF" : ""}.
          </p>
          {chosen.count - chosen.withEmail > 0 && (
            <p>
              {chosen.count - chosen.withEmail} destinataire(s) n&apos;ont pas d&apos;adresse e-mail : une impression de leurs courriers
              vous sera proposée.
            </p>
          )}
        </div>
      ) : (
        <div className="space-y-3">
          <p>
            {chosen.count} destinataire(s){chosen.wholeList ? " : toute la liste affichée" : ""}.
          </p>
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
          <div>
            <label htmlFor={`${id}-model`} className="label">
              Modèles destinés aux {populationLabel.toLowerCase()}
            </label>
            <select id={`${id}-model`} className="input" value={modelId} onChange={(e) => setModelId(e.target.value)}>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          {/* Only the Espaces of the mobile app have QR codes: the staff's letters have none to leave out. */}
          {hasQr && (
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
          {previewError && <p className="field-error">{previewError}</p>}
          {merged && (
            <div
              aria-label="Aperçu du courrier"
              role="region"
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled preview must take the focus to scroll by keyboard (axe's scrollable-region-focusable)
              tabIndex={0}
              className="max-h-64 overflow-auto rounded border border-slate-300 bg-white p-3"
            >
              {merged.lines.map((line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a letter's line is its number; the lines are drawn again whole
                <p key={i} className={line.style === "title" ? "text-base font-bold" : line.style === "bold" ? "font-semibold" : ""}>
                  {line.text || "\u00a0"}
                </p>
              ))}
              {merged.withQr && <p className="text-slate-600">[QR code]</p>}
            </div>
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
