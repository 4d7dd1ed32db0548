"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ModalDialog } from "@/components/modal-dialog";
import { recoverLastYearAction } from "@/lib/actions/plannings";
import { failureMessage } from "@/lib/action-result";
import { schoolYearLabel } from "@/lib/school-calendar";
import { RECOVERY_ITEM_KEYS, RECOVERY_ITEMS, type RecoveryItem } from "@/lib/school-year-recovery";

type Archive = { id: string; schoolYear: number; baseName: string; recoveredAt: Date | null };
type Report = Record<RecoveryItem, number> & { left: number };

/**
 * Seed 004 "Récupérer les données d'une base PRONOTE", from the new base: "désignez l'archive de
 * l'an passé", "cochez toutes les données à récupérer" (all ticked at first); the report gives the
 * count of each.
 */
export function RecoverYearDialog({ planningId, archives }: { planningId: string; archives: Archive[] }) {
  const id = useId();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [archiveId, setArchiveId] = useState(archives[0]?.id ?? "");
  const [items, setItems] = useState<Set<RecoveryItem>>(new Set(RECOVERY_ITEM_KEYS));
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [pending, startTransition] = useTransition();
  const needsPeople = (item: RecoveryItem) => (item === "credentials" || item === "emails") && !items.has("people");

  function toggle(item: RecoveryItem, on: boolean) {
    const next = new Set(items);
    if (on) next.add(item);
    else next.delete(item);
    setItems(next);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await recoverLastYearAction({ planningId, archiveId, items: [...items] });
      if (result.ok) {
        setOpen(false);
        setReport(result.data);
        router.refresh();
      } else setError(failureMessage(result, "La récupération a échoué."));
    });
  }

  return (
    <div className="space-y-2">
      <button type="button" className="btn-primary" onClick={() => setOpen(true)}>
        Récupérer les données de l&apos;an passé
      </button>
      <div aria-live="polite">
        {report && (
          <section aria-label="Compte rendu de la récupération" className="text-sm">
            <p className="font-semibold text-ok">Les données ont été récupérées :</p>
            <ul className="list-disc pl-5">
              {RECOVERY_ITEM_KEYS.filter((item) => items.has(item)).map((item) => (
                <li key={item}>
                  {RECOVERY_ITEMS[item]} : {report[item].toLocaleString("fr-FR")}
                </li>
              ))}
              {items.has("people") && <li>Élèves sortis, non repris : {report.left.toLocaleString("fr-FR")}</li>}
            </ul>
          </section>
        )}
      </div>
      <ModalDialog
        open={open}
        title="Récupérer les données de l'an passé"
        onCancel={() => setOpen(false)}
        actions={
          <>
            <button type="button" className="btn-secondary" onClick={() => setOpen(false)}>
              Annuler
            </button>
            <button type="submit" form={`${id}-form`} className="btn-primary" disabled={pending}>
              {pending ? "Récupération…" : "Récupérer"}
            </button>
          </>
        }
      >
        <form id={`${id}-form`} noValidate onSubmit={submit} className="space-y-4">
          <label className="block space-y-1">
            <span className="font-semibold">Archive de l&apos;an passé</span>
            <select className="input" value={archiveId} onChange={(event) => setArchiveId(event.target.value)}>
              {archives.map((archive) => (
                <option key={archive.id} value={archive.id}>
                  {schoolYearLabel(archive.schoolYear)} — {archive.baseName}
                  {archive.recoveredAt ? " (déjà récupérée)" : ""}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="space-y-1" aria-describedby={`${id}-error`}>
            <legend className="font-semibold">Cochez toutes les données à récupérer</legend>
            {RECOVERY_ITEM_KEYS.map((item) => (
              <label key={item} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={items.has(item) && !needsPeople(item)}
                  disabled={needsPeople(item)}
                  onChange={(event) => toggle(item, event.target.checked)}
                />
                {RECOVERY_ITEMS[item]}
              </label>
            ))}
          </fieldset>
          <p className="text-sm text-slate-600">
            Les élèves sortis (date de sortie ou division « Inactifs » dans SIECLE) ne sont pas repris. Décochées, les identifiants et mots
            de passe sont remplacés par de nouveaux mots de passe provisoires, à envoyer par courrier.
          </p>
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        </form>
      </ModalDialog>
    </div>
  );
}
