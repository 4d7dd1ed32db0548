"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { MAX_SIECLE_UPLOAD_BYTES } from "@/lib/schemas/siecle-import";
import type { Report } from "./siecle-report";

type Actions = {
  preview: (form: FormData) => Promise<ActionResult<unknown>>;
  apply: (form: FormData) => Promise<ActionResult<{ arrivals: number; departures: number; changes: number }>>;
};

/**
 * The two steps of a national system's import (SIECLE, STSWEB): "Analyser les fichiers" shows the
 * report, "Importer" applies it; errors go next to their field, a refused file above the report.
 * `form` builds the request from the dialog's fields; `missing` says which required file is absent.
 */
export function useNationalImport(
  actions: Actions,
  form: (confirmYear: boolean) => { data: FormData; files: (File | undefined)[] },
  missing: () => Record<string, string> | null,
) {
  const id = useId();
  const router = useRouter();
  const [confirmYear, setConfirmYear] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function run<T>(action: (data: FormData) => Promise<ActionResult<T>>, onOk: (data: T) => void) {
    setErrors({});
    setDone(null);
    const absent = missing();
    if (absent) return setErrors(absent);
    const { data, files } = form(confirmYear);
    if (files.some((f) => f && f.size > MAX_SIECLE_UPLOAD_BYTES)) {
      return setErrors({ form: "Un fichier dépasse 5 Mo : envoyez le fichier .zip tel qu'il a été exporté." });
    }
    startTransition(async () => {
      const result = await action(data);
      if (result.ok) onOk(result.data);
      else {
        // A file refused (whose school, cut short, not the expected export…) names itself: said above the report.
        const { file, ...fieldErrors } = result.fieldErrors ?? {};
        const formError = result.formError ?? file;
        setErrors({ ...fieldErrors, ...(formError ? { form: formError } : {}) });
      }
    });
  }

  return {
    id,
    report,
    errors,
    done,
    pending,
    confirmYear,
    setConfirmYear,
    /** A file chosen again: the report said is no longer the one of the files. */
    forget: () => setReport(null),
    analyse: () => run(actions.preview, (data) => setReport(data as Report)),
    apply: () =>
      run(actions.apply, (data) => {
        setReport(null);
        setConfirmYear(false);
        setDone(`Import terminé : ${data.arrivals} arrivée(s), ${data.departures} départ(s), ${data.changes} modification(s).`);
        router.refresh();
      }),
    error: (name: string) => errors[name],
  };
}

export type NationalImport = ReturnType<typeof useNationalImport>;
