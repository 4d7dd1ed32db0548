"use client";

import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { applySiecleImportAction, previewSiecleImportAction } from "@/lib/actions/communication";
import type { ActionResult } from "@/lib/action-result";
import { MAX_SIECLE_UPLOAD_BYTES } from "@/lib/schemas/siecle-import";
import { type Report, SiecleReport } from "./siecle-report";

type Espace = { id: string; name: string };

/**
 * Seed 004's "Imports / Exports > SIECLE > Récupérer les données des élèves après avoir généré les
 * fichiers .xml de SIECLE": the two exports (or their zips) are analysed first — arrivals,
 * departures, changes, problems —, then imported in one go once the report has been read.
 */
export function SiecleImport({ espaces, defaultUai }: { espaces: Espace[]; defaultUai: string }) {
  const id = useId();
  const router = useRouter();
  const pupilsRef = useRef<HTMLInputElement>(null);
  const responsablesRef = useRef<HTMLInputElement>(null);
  const [planningId, setPlanningId] = useState(espaces[0]?.id ?? "");
  const [uai, setUai] = useState(defaultUai);
  const [others, setOthers] = useState(false);
  const [confirmYear, setConfirmYear] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function form() {
    const data = new FormData();
    data.set("planningId", planningId);
    data.set("uai", uai);
    const pupils = pupilsRef.current?.files?.[0];
    const responsables = responsablesRef.current?.files?.[0];
    if (pupils) data.set("pupils", pupils);
    if (responsables) data.set("responsables", responsables);
    if (others) data.set("otherResponsables", "on");
    if (confirmYear) data.set("confirmOtherYear", "on");
    return data;
  }

  function run<T>(action: () => Promise<ActionResult<T>>, onOk: (data: T) => void) {
    setErrors({});
    setDone(null);
    const files = [pupilsRef.current?.files?.[0], responsablesRef.current?.files?.[0]];
    if (!files[0]) return setErrors({ pupils: "Choisissez le fichier des élèves (ElevesSansAdresses.xml ou son .zip)." });
    if (files.some((f) => f && f.size > MAX_SIECLE_UPLOAD_BYTES)) {
      return setErrors({ form: "Un fichier dépasse 5 Mo : envoyez le fichier .zip tel que SIECLE l'a exporté." });
    }
    startTransition(async () => {
      const result = await action();
      if (result.ok) onOk(result.data);
      else {
        // A file refused (whose school, cut short, not SIECLE…) names itself: said above the report.
        const form = result.formError ?? result.fieldErrors?.file;
        setErrors({ ...(result.fieldErrors ?? {}), ...(form ? { form } : {}) });
      }
    });
  }

  const analyse = () =>
    run(
      () => previewSiecleImportAction(form()),
      (data) => setReport(data as Report),
    );
  const apply = () =>
    run(
      () => applySiecleImportAction(form()),
      (data) => {
        setReport(null);
        setConfirmYear(false);
        setDone(`Import terminé : ${data.arrivals} arrivée(s), ${data.departures} départ(s), ${data.changes} modification(s).`);
        router.refresh();
      },
    );

  const error = (name: string) =>
    errors[name] ? (
      <p id={`${id}-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;
  const described = (name: string) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${id}-${name}-error` : undefined,
  });
  const file = (name: "pupils" | "responsables", label: string, ref: React.RefObject<HTMLInputElement | null>) => (
    <div>
      <label htmlFor={`${id}-${name}`} className="label">
        {label}
      </label>
      <input
        id={`${id}-${name}`}
        ref={ref}
        type="file"
        accept=".xml,.zip,application/xml,text/xml,application/zip"
        className="input"
        onChange={() => setReport(null)}
        {...described(name)}
      />
      {error(name)}
    </div>
  );

  return (
    <section aria-labelledby={`${id}-title`} className="card space-y-3">
      <h3 id={`${id}-title`} className="font-semibold">
        SIECLE &gt; Récupérer les données des élèves
      </h3>
      <p className="text-sm text-slate-700">
        Les fichiers .xml de SIECLE (Exploitation &gt; Exports standard &gt; Exports XML génériques), tels quels ou zippés : les élèves et,
        si vous le voulez, leurs responsables. Chaque personne est reconnue d&apos;une année sur l&apos;autre : son identifiant et son mot
        de passe personnalisé sont conservés. Rien n&apos;est importé avant votre confirmation.
      </p>
      {espaces.length === 0 && (
        <p className="field-error">Aucun planning n&apos;a de licence .net : aucun Espace ne peut accueillir ces personnes.</p>
      )}
      <div className="flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor={`${id}-espace`} className="label">
            Espace de connexion
          </label>
          <select
            id={`${id}-espace`}
            className="input"
            value={planningId}
            onChange={(e) => setPlanningId(e.target.value)}
            {...described("planningId")}
          >
            {espaces.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
          {error("planningId")}
        </div>
        <div>
          <label htmlFor={`${id}-uai`} className="label">
            UAI (RNE) de l&apos;établissement
          </label>
          <input
            id={`${id}-uai`}
            className="input w-32"
            value={uai}
            maxLength={8}
            onChange={(e) => setUai(e.target.value)}
            {...described("uai")}
          />
          {error("uai")}
        </div>
        {file("pupils", "Fichier des élèves (ElevesSansAdresses.xml)", pupilsRef)}
        {file("responsables", "Fichier des responsables (ResponsablesAvecAdresses.xml)", responsablesRef)}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={others} onChange={(e) => setOthers(e.target.checked)} />
        Importer aussi les responsables non légaux (personnes en charge, contacts)
      </label>
      <div className="flex flex-wrap gap-3">
        <button type="button" className="btn btn-secondary" onClick={analyse} disabled={pending}>
          Analyser les fichiers
        </button>
      </div>
      <p role="alert" className="field-error">
        {errors.form}
      </p>
      {done && (
        <p role="status" className="text-sm text-ok">
          {done}
        </p>
      )}
      {report && <SiecleReport report={report} />}
      {report && (
        <div className="space-y-2">
          {report.otherYear && (
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={confirmYear}
                onChange={(e) => setConfirmYear(e.target.checked)}
                {...described("confirmOtherYear")}
              />
              Ce fichier est celui de l&apos;année scolaire {report.schoolYear} : je confirme l&apos;import.
            </label>
          )}
          {error("confirmOtherYear")}
          <button type="button" className="btn btn-primary" onClick={apply} disabled={pending || (report.otherYear && !confirmYear)}>
            Importer
          </button>
        </div>
      )}
    </section>
  );
}
