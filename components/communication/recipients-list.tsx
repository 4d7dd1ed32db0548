"use client";

import { useId, useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { mergeModel } from "@/lib/letters/model-tags";
import { reissueProvisionalPasswordsAction, startLetterBatchAction } from "@/lib/actions/communication";
import { ModalDialog } from "@/components/modal-dialog";
import type { Population } from "@/lib/letters/original-models";
import type { RecipientSummary } from "@/lib/server/letters/recipients";

type Recipient = RecipientSummary;
type Model = { id: string; name: string; text: string };
type Output = "PRINT" | "PDF" | "EMAIL";
type Props = {
  population: Population;
  populationLabel: string;
  recipients: Recipient[];
  models: Model[];
  establishment: string;
  canEmail: boolean;
};

const OUTPUTS: { id: Output; label: string }[] = [
  { id: "PRINT", label: "Imprimante" },
  { id: "PDF", label: "PDF" },
  { id: "EMAIL", label: "E-mail" },
];

const newKey = () => crypto.randomUUID();

/**
 * F16 "Ressources > … > Liste": the recipients of one population, selected one by one or all, and
 * the sending window of Fiche 11 ("Type de sortie", "*.pdf", the model, "Imprimer / Générer /
 * Mailer", then "Envoyer l'e-mail"). Without a selection, the whole list is the recipient.
 */
export function RecipientsList({ population, populationLabel, recipients, models, establishment, canEmail }: Props) {
  const id = useId();
  const router = useRouter();
  const [group, setGroup] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState(false);
  const [output, setOutput] = useState<Output>(canEmail ? "EMAIL" : "PDF");
  const [attachPdf, setAttachPdf] = useState(true);
  const [withQr, setWithQr] = useState(true);
  const [modelId, setModelId] = useState(models[0]?.id ?? "");
  const [confirming, setConfirming] = useState(false);
  const [preview, setPreview] = useState(false);
  const [requestKey, setRequestKey] = useState(newKey);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const groups = useMemo(() => [...new Set(recipients.map((r) => r.group).filter(Boolean))].sort(), [recipients]);
  const shown = group ? recipients.filter((r) => r.group === group) : recipients;
  const chosen = selected.size > 0 ? recipients.filter((r) => selected.has(r.key)) : shown;
  const withEmail = chosen.filter((r) => r.email).length;
  const allShownSelected = shown.length > 0 && shown.every((r) => selected.has(r.key));
  const model = models.find((m) => m.id === modelId);

  function toggle(key: string) {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setSelected(next);
  }

  function openDialog() {
    setRequestKey(newKey());
    setConfirming(false);
    setPreview(false);
    setError(null);
    setOpen(true);
  }

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
        recipients: chosen.map((r) => r.key),
      });
      if (!result.ok) {
        setError(result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "L'envoi a échoué.");
        return;
      }
      const pdf = `/api/courriers/${result.data.batchId}`;
      if (output === "PRINT") window.open(`${pdf}?impression`, "_blank", "noopener");
      if (output === "PDF") window.location.assign(pdf);
      setOpen(false);
      setMessage(
        output === "EMAIL"
          ? `Envoi de ${result.data.total - result.data.withoutEmail} e-mail(s) lancé : suivez-le ci-dessous, vous pouvez quitter la page.`
          : `${result.data.total} courrier(s) en cours d'édition.`,
      );
      router.refresh();
    });
  }

  function reissue() {
    const personalized = chosen.filter((r) => r.personalized);
    setMessage(null);
    startTransition(async () => {
      const result = await reissueProvisionalPasswordsAction({ population, recipients: personalized.map((r) => r.key) });
      setMessage(result.ok ? `${result.data.count} nouveau(x) mot(s) de passe provisoire(s).` : (result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "Échec."));
      router.refresh();
    });
  }

  const sample = chosen[0];
  const merged =
    preview && model && sample
      ? mergeModel(
          model.text,
          {
            lastName: sample.lastName,
            firstName: sample.firstName,
            civility: sample.civility,
            loginId: sample.loginId,
            password: sample.personalized ? "(personnalisé : non imprimé)" : "(mot de passe provisoire)",
            securityCode: "(code)",
            qrExpiry: "(dans un mois)",
            espaceAddress: "(adresse de l'Espace)",
            espaceName: sample.espace,
            establishment,
            today: new Intl.DateTimeFormat("fr-FR", { dateStyle: "long" }).format(new Date()),
          },
          { qr: withQr && !sample.personalized },
        )
      : null;

  return (
    <section aria-labelledby={`${id}-title`} className="card space-y-3">
      <h3 id={`${id}-title`} className="font-semibold">
        {populationLabel} : liste ({recipients.length})
      </h3>
      <div className="flex flex-wrap items-end gap-3">
        {groups.length > 0 && (
          <div>
            <label htmlFor={`${id}-group`} className="label">
              Classe
            </label>
            <select id={`${id}-group`} className="input" value={group} onChange={(e) => setGroup(e.target.value)}>
              <option value="">Toutes</option>
              {groups.map((g) => (
                <option key={g}>{g}</option>
              ))}
            </select>
          </div>
        )}
        <button type="button" className="btn btn-primary" onClick={openDialog} disabled={recipients.length === 0}>
          Envoyer un courrier ({chosen.length})
        </button>
        {chosen.some((r) => r.personalized) && (
          <button type="button" className="btn btn-secondary" onClick={reissue} disabled={pending}>
            Nouveau mot de passe provisoire ({chosen.filter((r) => r.personalized).length})
          </button>
        )}
      </div>
      {message && (
        <p role="status" className="text-sm text-ok">
          {message}
        </p>
      )}
      {recipients.length === 0 ? (
        <p className="text-sm">Aucun destinataire : importez un fichier CSV.</p>
      ) : (
        <div className="max-h-[28rem] overflow-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Destinataires ({populationLabel})</caption>
            <thead className="sticky top-0 bg-white">
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Tout sélectionner"
                    checked={allShownSelected}
                    onChange={() => setSelected(allShownSelected ? new Set() : new Set(shown.map((r) => r.key)))}
                  />
                </th>
                <th scope="col">Civilité</th>
                <th scope="col">Nom</th>
                <th scope="col">Prénoms</th>
                <th scope="col">Classe</th>
                <th scope="col">E-mail</th>
                <th scope="col">Identifiant de connexion</th>
                <th scope="col">Mot de passe</th>
                <th scope="col">Espace</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.key} className="border-t border-slate-200">
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Sélectionner ${r.lastName} ${r.firstName}`}
                      checked={selected.has(r.key)}
                      onChange={() => toggle(r.key)}
                    />
                  </td>
                  <td>{r.civility}</td>
                  <td>{r.lastName}</td>
                  <td>{r.firstName}</td>
                  <td>{r.group}</td>
                  <td>{r.email}</td>
                  <td>{r.loginId}</td>
                  <td>{r.personalized ? "Personnalisé" : "Provisoire"}</td>
                  <td>{r.espace}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <ModalDialog
        open={open}
        title="Envoi de courrier et document"
        onCancel={() => setOpen(false)}
        actions={
          <>
            <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
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
              {withEmail} destinataire(s) recevront le courrier « {model?.name} » par e-mail
              {attachPdf ? ", le document joint en PDF" : ""}.
            </p>
            {chosen.length - withEmail > 0 && (
              <p>
                {chosen.length - withEmail} destinataire(s) n&apos;ont pas d&apos;adresse e-mail : une impression de leurs
                courriers vous sera proposée.
              </p>
            )}
          </div>
        ) : (
          <div className="space-y-3">
            <p>
              {chosen.length} destinataire(s){selected.size === 0 ? " : toute la liste affichée" : ""}.
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
            <label className="flex items-start gap-2">
              <input type="checkbox" checked={!withQr} onChange={(e) => setWithQr(!e.target.checked)} className="mt-1" />
              <span>
                Sans QR code (distribution en main propre)
                <span className="block text-slate-600">
                  Il est déconseillé de distribuer ce courrier en main propre aux élèves : il est très facile de scanner le
                  QR code de son voisin.
                </span>
              </span>
            </label>
            {merged && (
              <div aria-label="Aperçu du courrier" role="region" tabIndex={0} className="max-h-64 overflow-auto rounded border border-slate-300 bg-white p-3">
                {merged.lines.map((line, i) => (
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
    </section>
  );
}
