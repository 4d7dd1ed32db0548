"use client";

import type { RefObject } from "react";
import { type Report, SiecleReport } from "./siecle-report";
import type { NationalImport } from "./use-national-import";

export type Espace = { id: string; name: string };

type Field = { id: string; name: string; error?: string };

/** The message under a field, and the attributes that tie the field to it. */
export function fieldProps({ id, name, error }: Field) {
  return { "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-${name}-error` : undefined };
}

export function FieldError({ id, name, error }: Field) {
  return error ? (
    <p id={`${id}-${name}-error`} className="field-error">
      {error}
    </p>
  ) : null;
}

/** "Espace de connexion": the plannings with a .net licence, whose Espace the imported people sign in to. */
export function EspaceSelect({
  id,
  espaces,
  value,
  onChange,
  error,
}: {
  id: string;
  espaces: Espace[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const field = { id, name: "planningId", error };
  return (
    <div>
      <label htmlFor={`${id}-espace`} className="label">
        Espace de connexion
      </label>
      <select id={`${id}-espace`} className="input" value={value} onChange={(e) => onChange(e.target.value)} {...fieldProps(field)}>
        {espaces.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
          </option>
        ))}
      </select>
      <FieldError {...field} />
    </div>
  );
}

export function NoEspace() {
  return <p className="field-error">Aucun planning n&apos;a de licence .net : aucun Espace ne peut accueillir ces personnes.</p>;
}

export function UaiField({ id, value, onChange, error }: { id: string; value: string; onChange: (uai: string) => void; error?: string }) {
  const field = { id, name: "uai", error };
  return (
    <div>
      <label htmlFor={`${id}-uai`} className="label">
        UAI (RNE) de l&apos;établissement
      </label>
      <input
        id={`${id}-uai`}
        className="input w-32"
        value={value}
        maxLength={8}
        onChange={(e) => onChange(e.target.value)}
        {...fieldProps(field)}
      />
      <FieldError {...field} />
    </div>
  );
}

/** An export of a national system, as it is or zipped. */
export function XmlFileField({
  steps,
  name,
  label,
  fileRef,
}: {
  steps: NationalImport;
  name: string;
  label: string;
  fileRef: RefObject<HTMLInputElement | null>;
}) {
  const field = { id: steps.id, name, error: steps.error(name) };
  return (
    <div>
      <label htmlFor={`${steps.id}-${name}`} className="label">
        {label}
      </label>
      <input
        id={`${steps.id}-${name}`}
        ref={fileRef}
        type="file"
        accept=".xml,.zip,application/xml,text/xml,application/zip"
        className="input"
        onChange={steps.forget}
        {...fieldProps(field)}
      />
      <FieldError {...field} />
    </div>
  );
}

/** "Analyser les fichiers", the report, then "Importer" — another school year once confirmed. */
export function ImportSteps({ steps }: { steps: NationalImport }) {
  const report: Report | null = steps.report;
  const confirm = { id: steps.id, name: "confirmOtherYear", error: steps.error("confirmOtherYear") };
  return (
    <>
      <div className="flex flex-wrap gap-3">
        <button type="button" className="btn btn-secondary" onClick={steps.analyse} disabled={steps.pending}>
          Analyser les fichiers
        </button>
      </div>
      <p role="alert" className="field-error">
        {steps.error("form")}
      </p>
      {steps.done && (
        <p role="status" className="text-sm text-ok">
          {steps.done}
        </p>
      )}
      {report && <SiecleReport report={report} />}
      {report && (
        <div className="space-y-2">
          {report.otherYear && (
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={steps.confirmYear}
                onChange={(e) => steps.setConfirmYear(e.target.checked)}
                {...fieldProps(confirm)}
              />
              Ce fichier est celui de l&apos;année scolaire {report.schoolYear} : je confirme l&apos;import.
            </label>
          )}
          <FieldError {...confirm} />
          <button
            type="button"
            className="btn btn-primary"
            onClick={steps.apply}
            disabled={steps.pending || (report.otherYear && !steps.confirmYear)}
          >
            Importer
          </button>
        </div>
      )}
    </>
  );
}
