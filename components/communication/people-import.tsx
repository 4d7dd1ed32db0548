"use client";

import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { FIELD_LABELS, MAX_CSV_BYTES, PEOPLE_FIELDS, REQUIRED_FIELDS, type Mapping } from "@/lib/letters/people-fields";
import { importPeopleAction, previewPeopleImportAction } from "@/lib/actions/communication";
import type { ActionResult } from "@/lib/action-result";
import { type Espace, EspaceSelect, NoEspace } from "./import-fields";

type Preview = {
  encoding: string;
  header: string[];
  mapping: Mapping;
  acceptedCount: number;
  sample: Record<string, string | number>[];
  refused: { line: number; reasons: string[] }[];
};
type Props = { population: string; populationLabel: string; espaces: Espace[] };

/**
 * "Importer un fichier CSV" for one population: the file is analysed first (columns recognised,
 * every refused row with its reasons), the mapping can be corrected, and only then are the
 * accepted rows imported, all together.
 */
export function PeopleImport({ population, populationLabel, espaces }: Props) {
  const id = useId();
  const router = useRouter();
  const fileRef = useRef<HTMLInputElement>(null);
  const [planningId, setPlanningId] = useState(espaces[0]?.id ?? "");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function form(withMapping: Mapping | null) {
    const data = new FormData();
    data.set("population", population);
    data.set("planningId", planningId);
    const file = fileRef.current?.files?.[0];
    if (file) data.set("file", file);
    if (withMapping) data.set("mapping", JSON.stringify(withMapping));
    return data;
  }

  function run<T>(action: () => Promise<ActionResult<T>>, onOk: (data: T) => void) {
    setErrors({});
    setDone(null);
    startTransition(async () => {
      const result = await action();
      if (result.ok) onOk(result.data);
      else setErrors({ ...(result.fieldErrors ?? {}), ...(result.formError ? { form: result.formError } : {}) });
    });
  }

  function analyse(withMapping: Mapping | null) {
    const file = fileRef.current?.files?.[0];
    if (!file) return setErrors({ file: "Choisissez un fichier CSV." });
    if (file.size > MAX_CSV_BYTES) return setErrors({ file: "Le fichier dépasse 5 Mo." });
    run(
      () => previewPeopleImportAction(form(withMapping)),
      (data) => {
        setPreview(data as Preview);
        setMapping(data.mapping);
      },
    );
  }

  function importAll() {
    run(
      () => importPeopleAction(form(mapping)),
      (data) => {
        setPreview(null);
        setMapping(null);
        if (fileRef.current) fileRef.current.value = "";
        setDone(`${data.imported} ${populationLabel.toLowerCase()} importé(e)s, ${data.refused.length} ligne(s) refusée(s).`);
        router.refresh();
      },
    );
  }

  const fieldError = (name: string) =>
    errors[name] ? (
      <p id={`${id}-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;

  return (
    <section aria-labelledby={`${id}-title`} className="card space-y-3">
      <h3 id={`${id}-title`} className="font-semibold">
        Importer un fichier CSV ({populationLabel})
      </h3>
      <p className="text-sm text-slate-700">
        Une ligne par personne, avec au moins les colonnes Nom et Prénom ; Identifiant, E-mail, Civilité et Classe sont reconnues si elles
        sont présentes. Fichier « CSV UTF-8 » ou CSV d&apos;Excel, séparateur point-virgule, virgule ou tabulation. Rien n&apos;est importé
        avant votre confirmation.
      </p>
      {espaces.length === 0 ? (
        <NoEspace />
      ) : (
        <div className="flex flex-wrap items-end gap-4">
          <EspaceSelect id={id} espaces={espaces} value={planningId} onChange={setPlanningId} error={errors.planningId} />
          <div>
            <label htmlFor={`${id}-file`} className="label">
              Fichier CSV
            </label>
            <input
              id={`${id}-file`}
              ref={fileRef}
              type="file"
              accept=".csv,.txt,text/csv"
              className="input"
              aria-invalid={Boolean(errors.file)}
              aria-describedby={errors.file ? `${id}-file-error` : undefined}
              onChange={() => {
                setPreview(null);
                setMapping(null);
                setErrors({});
              }}
            />
            {fieldError("file")}
          </div>
          <button type="button" className="btn btn-secondary" disabled={pending} onClick={() => analyse(null)}>
            Analyser le fichier
          </button>
        </div>
      )}
      {fieldError("mapping")}
      {fieldError("form")}
      {done && (
        <p role="status" className="text-sm text-ok">
          {done}
        </p>
      )}

      {preview && mapping && (
        <div className="space-y-3" aria-live="polite">
          <fieldset className="space-y-2">
            <legend className="text-sm font-semibold">Association des colonnes</legend>
            <div className="flex flex-wrap gap-3">
              {PEOPLE_FIELDS.map((field) => (
                <div key={field}>
                  <label htmlFor={`${id}-map-${field}`} className="label">
                    {FIELD_LABELS[field]}
                    {REQUIRED_FIELDS.includes(field) ? " (*)" : ""}
                  </label>
                  <select
                    id={`${id}-map-${field}`}
                    className="input"
                    value={mapping[field] ?? ""}
                    onChange={(e) => setMapping({ ...mapping, [field]: e.target.value === "" ? null : Number(e.target.value) })}
                  >
                    <option value="">{field === "loginId" ? "(créé à partir du prénom et du nom)" : "(aucune colonne)"}</option>
                    {preview.header.map((name, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the option's value is the column's number
                      <option key={index} value={index}>
                        {name || `Colonne ${index + 1}`}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </div>
            <button type="button" className="btn btn-secondary" disabled={pending} onClick={() => analyse(mapping)}>
              Analyser à nouveau
            </button>
          </fieldset>

          <p className="text-sm">
            Encodage {preview.encoding} : <strong>{preview.acceptedCount} ligne(s) prête(s) à importer</strong>, {preview.refused.length}{" "}
            ligne(s) refusée(s).
          </p>
          {preview.refused.length > 0 && (
            <table className="w-full text-left text-sm">
              <caption className="text-left font-semibold">Lignes refusées</caption>
              <thead>
                <tr>
                  <th scope="col">Ligne</th>
                  <th scope="col">Motifs</th>
                </tr>
              </thead>
              <tbody>
                {preview.refused.slice(0, 200).map((row) => (
                  <tr key={row.line} className="border-t border-slate-200">
                    <td>{row.line}</td>
                    <td>{row.reasons.join(" ; ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.refused.length > 200 && <p className="text-sm">… et {preview.refused.length - 200} autres lignes refusées.</p>}
          <button type="button" className="btn btn-primary" disabled={pending || preview.acceptedCount === 0} onClick={importAll}>
            Importer {preview.acceptedCount} {populationLabel.toLowerCase()}
          </button>
        </div>
      )}
    </section>
  );
}
