"use client";

import { useRef, useState } from "react";
import { applyStsImportAction, previewStsImportAction } from "@/lib/actions/communication";
import { type Espace, EspaceSelect, ImportSteps, NoEspace, UaiField, XmlFileField } from "./import-fields";
import { useNationalImport } from "./use-national-import";

/**
 * Seed 004's "Imports / Exports STSWEB > Récupérer des données": the teachers of STSWEB's export
 * (Mise à jour > Exports > Emplois du temps), with the classes and subjects they teach, analysed
 * first, then imported; next year's file updates the same teachers.
 */
export function StsImport({ espaces, defaultUai }: { espaces: Espace[]; defaultUai: string }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [planningId, setPlanningId] = useState(espaces[0]?.id ?? "");
  const [uai, setUai] = useState(defaultUai);
  const steps = useNationalImport(
    { preview: previewStsImportAction, apply: applyStsImportAction },
    (confirmYear) => {
      const data = new FormData();
      data.set("planningId", planningId);
      data.set("uai", uai);
      const file = fileRef.current?.files?.[0];
      if (file) data.set("file", file);
      if (confirmYear) data.set("confirmOtherYear", "on");
      return { data, files: [file] };
    },
    () => (fileRef.current?.files?.[0] ? null : { file: "Choisissez le fichier de STSWEB (sts_emp_<UAI>_<année>.xml ou son .zip)." }),
  );

  return (
    <section aria-labelledby={`${steps.id}-title`} className="card space-y-3">
      <h3 id={`${steps.id}-title`} className="font-semibold">
        Imports / Exports STSWEB &gt; Récupérer des données
      </h3>
      <p className="text-sm text-slate-700">
        Le fichier sts_emp_&lt;UAI&gt;_&lt;année&gt;.xml de STSWEB (Mise à jour &gt; Exports &gt; Emplois du temps), tel quel ou zippé : les
        professeurs, leurs classes et leurs matières. Chaque professeur est reconnu d&apos;une année sur l&apos;autre : son identifiant et
        son mot de passe personnalisé sont conservés. Rien n&apos;est importé avant votre confirmation.
      </p>
      {espaces.length === 0 && <NoEspace />}
      <div className="flex flex-wrap items-end gap-4">
        <EspaceSelect id={steps.id} espaces={espaces} value={planningId} onChange={setPlanningId} error={steps.error("planningId")} />
        <UaiField id={steps.id} value={uai} onChange={setUai} error={steps.error("uai")} />
        <XmlFileField steps={steps} name="file" label="Fichier de STSWEB (sts_emp_<UAI>_<année>.xml)" fileRef={fileRef} />
      </div>
      <ImportSteps steps={steps} />
    </section>
  );
}
