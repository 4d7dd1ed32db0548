"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { letterBatchProgressAction } from "@/lib/actions/communication";

export type BatchView = {
  id: string;
  output: "PRINT" | "PDF" | "EMAIL" | "LABELS" | "SMS";
  modelName: string;
  withQr: boolean;
  /** The population's letters may carry a QR code (not the staff's). */
  hasQr: boolean;
  total: number;
  sent: number;
  failed: number;
  waiting: number;
  withoutEmail: number;
  status: string;
  waitingReason: string;
  perSecond: number;
  secondsLeft: number | null;
  createdAt: string;
  failures: { name: string; email: string; mobile: string; lastError: string; attempts: number }[];
};

const OUTPUTS = { PRINT: "Imprimante", PDF: "PDF", EMAIL: "E-mail", LABELS: "Étiquettes", SMS: "SMS" } as const;
const SHORT_DATE_TIME = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short" });
const when = (iso: string) => SHORT_DATE_TIME.format(new Date(iso));

/** "environ 3 min 20 s": what is left, as a person reads it. */
function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/**
 * One sending and where it stands. A running e-mail batch is polled every second, so the page can
 * be left and found again; a PDF is made when it is opened.
 */
export function BatchProgress({ initial }: { initial: BatchView }) {
  const router = useRouter();
  const [batch, setBatch] = useState(initial);
  const [lost, setLost] = useState(false);
  const [tries, setTries] = useState(0);

  // `tries` starts the next poll after a refusal or a lost answer, when `batch` has not changed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tries` is the retry's trigger
  useEffect(() => {
    if ((batch.output !== "EMAIL" && batch.output !== "SMS") || batch.status !== "RUNNING") return;
    const timer = setTimeout(async () => {
      const result = await letterBatchProgressAction({ batchId: batch.id }).catch(() => null);
      if (result?.ok) {
        const next = result.data as BatchView;
        setBatch(next);
        setLost(false);
        // The first e-mail gone and the end change what the page around says (the guide's Fiche 11 ticked).
        if ((batch.sent === 0 && next.sent > 0) || next.status !== "RUNNING") router.refresh();
      } else {
        // A refusal or a lost answer (an instance restarting): the next try comes a second later.
        setLost(true);
        setTries((n) => n + 1);
      }
    }, 1000);
    return () => clearTimeout(timer);
  }, [batch, tries, router]);

  const toSend = batch.total - batch.withoutEmail;
  const sms = batch.output === "SMS";
  const messages = sms ? "SMS" : "e-mail(s)";
  const pdf = `/api/courriers/${batch.id}`;
  return (
    <li className="space-y-2 border-t border-slate-200 py-3 text-sm">
      <p>
        <strong>{batch.modelName}</strong> — {OUTPUTS[batch.output]}
        {batch.hasQr && !batch.withQr ? ", sans QR code" : ""} — {batch.total} destinataire(s), le {when(batch.createdAt)}
      </p>
      {batch.output === "EMAIL" || sms ? (
        <>
          <div className="flex items-center gap-3">
            <progress
              max={Math.max(toSend, 1)}
              value={batch.sent + batch.failed}
              aria-label={`Envoi des ${sms ? "SMS" : "e-mails"} : ${batch.modelName}`}
              className="w-64"
            />
            <span role="status" aria-live="polite">
              {batch.status === "RUNNING" ? "Envoi en cours : " : "Terminé : "}
              {batch.sent} / {toSend} {messages} envoyé(s)
              {batch.failed > 0 ? `, ${batch.failed} en échec` : ""}
            </span>
          </div>
          {batch.status === "RUNNING" && (
            <p>
              {batch.waiting} en attente
              {batch.perSecond > 0 ? ` — ${batch.perSecond.toLocaleString("fr-FR")} ${messages} par seconde` : ""}
              {batch.secondsLeft !== null ? `, fin estimée dans environ ${duration(batch.secondsLeft)}` : ""}.
            </p>
          )}
          {batch.waitingReason && batch.status === "RUNNING" && <p className="field-error">{batch.waitingReason}</p>}
          {batch.status !== "RUNNING" && !sms && (
            <p className="text-slate-600">Un compte rendu de l&apos;envoi a été adressé par e-mail à l&apos;expéditeur.</p>
          )}
          {lost && <p className="field-error">La progression n&apos;a pas pu être lue : nouvel essai dans un instant.</p>}
          {batch.withoutEmail > 0 && sms && (
            <p>{batch.withoutEmail} destinataire(s) sans téléphone portable ou qui refusent les SMS : envoyez-leur le courrier.</p>
          )}
          {batch.withoutEmail > 0 && !sms && (
            <p>
              {batch.withoutEmail} destinataire(s) sans adresse e-mail :{" "}
              <a className="underline" href={`${pdf}?impression`} target="_blank" rel="noopener">
                imprimer leurs courriers
              </a>
              .
            </p>
          )}
          {batch.failures.length > 0 && (
            <table className="w-full text-left">
              <caption className="text-left font-semibold">{sms ? "SMS non remis" : "E-mails non remis"}</caption>
              <thead>
                <tr>
                  <th scope="col">Destinataire</th>
                  <th scope="col">{sms ? "Portable" : "Adresse"}</th>
                  <th scope="col">Motif</th>
                </tr>
              </thead>
              <tbody>
                {batch.failures.map((f) => (
                  <tr key={`${f.name}-${f.email}${f.mobile}`} className="border-t border-slate-200">
                    <td>{f.name}</td>
                    <td>{sms ? f.mobile : f.email}</td>
                    <td>
                      {f.lastError} ({f.attempts} essai(s))
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : (
        <p>
          <a
            className="btn btn-secondary"
            href={batch.output === "PRINT" ? `${pdf}?impression` : pdf}
            target={batch.output === "PRINT" ? "_blank" : undefined}
            rel="noopener"
          >
            {batch.output === "PRINT" ? "Ouvrir pour imprimer" : "Télécharger le PDF"}
          </a>
          {batch.withQr && " Chaque ouverture édite de nouveaux QR codes : seuls ceux du dernier courrier édité sont valables."}
        </p>
      )}
    </li>
  );
}
