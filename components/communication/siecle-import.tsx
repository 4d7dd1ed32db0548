"use client";

import { useRef, useState } from "react";
import { applySiecleImportAction, previewSiecleImportAction } from "@/lib/actions/communication";
import { type Espace, EspaceSelect, ImportSteps, NoEspace, UaiField, XmlFileField } from "./import-fields";
import { useNationalImport } from "./use-national-import";

/**
 * Seed 004's "Imports / Exports > SIECLE > Récupérer les données des élèves après avoir généré les
 * fichiers .xml de SIECLE": the two exports (or their zips) are analysed first — arrivals,
 * departures, changes, problems —, then imported in one go once the report has been read.
 */
export function SiecleImport({ espaces, defaultUai }: { espaces: Espace[]; defaultUai: string }) {
  const pupilsRef = useRef<HTMLInputElement>(null);
  const responsablesRef = useRef<HTMLInputElement>(null);
  const [planningId, setPlanningId] = useState(espaces[0]?.id ?? "");
  const [uai, setUai] = useState(defaultUai);
  const [others, setOthers] = useState(false);
  const steps = useNationalImport(
    { preview: previewSiecleImportAction, apply: applySiecleImportAction },
    (confirmYear) => {
      const data = new FormData();
      data.set("planningId", planningId);
      data.set("uai", uai);
      const pupils = pupilsRef.current?.files?.[0];
      const responsables = responsablesRef.current?.files?.[0];
      if (pupils) data.set("pupils", pupils);
      if (responsables) data.set("responsables", responsables);
      if (others) data.set("otherResponsables", "on");
      if (confirmYear) data.set("confirmOtherYear", "on");
      return { data, files: [pupils, responsables] };
    },
    () => (pupilsRef.current?.files?.[0] ? null : { pupils: "Choisissez le fichier des élèves (ElevesSansAdresses.xml ou son .zip)." }),
  );

  return (
    <section aria-labelledby={`${steps.id}-title`} className="card space-y-3">
      <h3 id={`${steps.id}-title`} className="font-semibold">
        SIECLE &gt; Récupérer les données des élèves
      </h3>
      <p className="text-sm text-slate-700">
        Les fichiers .xml de SIECLE (Exploitation &gt; Exports standard &gt; Exports XML génériques), tels quels ou zippés : les élèves et,
        si vous le voulez, leurs responsables. Chaque personne est reconnue d&apos;une année sur l&apos;autre : son identifiant et son mot
        de passe personnalisé sont conservés. Rien n&apos;est importé avant votre confirmation.
      </p>
      {espaces.length === 0 && <NoEspace />}
      <div className="flex flex-wrap items-end gap-4">
        <EspaceSelect id={steps.id} espaces={espaces} value={planningId} onChange={setPlanningId} error={steps.error("planningId")} />
        <UaiField id={steps.id} value={uai} onChange={setUai} error={steps.error("uai")} />
        <XmlFileField steps={steps} name="pupils" label="Fichier des élèves (ElevesSansAdresses.xml)" fileRef={pupilsRef} />
        <XmlFileField
          steps={steps}
          name="responsables"
          label="Fichier des responsables (ResponsablesAvecAdresses.xml)"
          fileRef={responsablesRef}
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={others} onChange={(e) => setOthers(e.target.checked)} />
        Importer aussi les responsables non légaux (personnes en charge, contacts)
      </label>
      <ImportSteps steps={steps} />
    </section>
  );
}
