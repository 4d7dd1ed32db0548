"use client";

import type { Population } from "@/lib/letters/original-models";
import type { LabelFormat } from "@/lib/schemas/letters";

const SHEETS: { id: LabelFormat; label: string }[] = [
  { id: "3x8", label: "Planche A4 de 3 × 8 étiquettes (70 × 37 mm)" },
  { id: "2x7", label: "Planche A4 de 2 × 7 étiquettes (99,1 × 38,1 mm)" },
];

type Props = {
  id: string;
  output: string;
  population: Population;
  labelFormat: LabelFormat;
  onLabelFormat: (format: LabelFormat) => void;
  perHousehold: boolean;
  onPerHousehold: (on: boolean) => void;
  address: string;
  onAddress: (address: string) => void;
};

/**
 * What the sending window asks of letters sent by post: the label sheet ("Imprimer des
 * étiquettes"), "un courrier par adresse" for the Responsables, the establishment's address.
 */
export function PostOptions({
  id,
  output,
  population,
  labelFormat,
  onLabelFormat,
  perHousehold,
  onPerHousehold,
  address,
  onAddress,
}: Props) {
  const posted = output === "PRINT" || output === "PDF";
  return (
    <>
      {output === "LABELS" && (
        <div>
          <label htmlFor={`${id}-sheet`} className="label">
            Planche d&apos;étiquettes
          </label>
          <select id={`${id}-sheet`} className="input" value={labelFormat} onChange={(e) => onLabelFormat(e.target.value as LabelFormat)}>
            {SHEETS.map((sheet) => (
              <option key={sheet.id} value={sheet.id}>
                {sheet.label}
              </option>
            ))}
          </select>
          <p className="text-sm text-slate-600">
            Modèle « Informations de connexion » : nom, classe, identifiant, mot de passe et adresse de l&apos;Espace, sans QR code.
          </p>
        </div>
      )}
      {posted && population === "RESPONSABLES" && (
        <label className="flex items-start gap-2">
          <input type="checkbox" checked={perHousehold} onChange={(e) => onPerHousehold(e.target.checked)} className="mt-1" />
          <span>
            Un courrier par adresse
            <span className="block text-slate-600">
              Les responsables qui résident à la même adresse reçoivent un seul courrier, qui les nomme chacun avec ses informations de
              connexion.
            </span>
          </span>
        </label>
      )}
      {posted && (
        <div>
          <label htmlFor={`${id}-address`} className="label">
            Adresse postale de l&apos;établissement (expéditeur)
          </label>
          <textarea
            id={`${id}-address`}
            className="input w-full"
            rows={3}
            maxLength={300}
            value={address}
            onChange={(e) => onAddress(e.target.value)}
          />
        </div>
      )}
    </>
  );
}
