"use client";

import { useId, useState } from "react";
import { SaveStatus, useSave } from "@/components/use-save";
import { saveEntSettingsAction } from "@/lib/actions/plannings";
import { POPULATIONS } from "@/lib/letters/original-models";
import { ENT_FAMILIES, ENT_MATCHINGS, type EntFamily, type EntMatching, type EntSettings } from "@/lib/schemas/ent";

const BLANK: EntSettings = {
  enabled: false,
  family: "ODE",
  casUrl: "",
  metadata: "",
  identifierAttribute: "",
  version: ENT_FAMILIES.ODE.version,
  caCertificate: "",
  matching: ENT_FAMILIES.ODE.matching,
  loginAttribute: "",
  populations: POPULATIONS.map((p) => p.id),
};

/**
 * PRONOTE.net > "Intégration dans un ENT", as the vendor's console has it: the publication
 * stopped, "Mon ENT" chosen in the list (its parameters come filled in), "URL du serveur CAS", the
 * "Paramètres d'identification des utilisateurs", then published again.
 */
export function EntIntegration({
  planningId,
  saved,
  published,
  refusals = [],
  productName,
}: {
  /** The product's name, as the guide's sentence says it ("… ne se fait alors plus dans PRONOTE"). */
  productName: string;
  planningId: string;
  saved: EntSettings | null;
  published: boolean;
  /** The last ENT identities refused because they could be several persons. */
  refusals?: { at: string; identity: string; persons: string }[];
}) {
  const id = useId();
  const [values, setValues] = useState<EntSettings>(saved ?? BLANK);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const { error, saved: ok, pending, save } = useSave();
  const set = <K extends keyof EntSettings>(key: K, value: EntSettings[K]) => setValues({ ...values, [key]: value });
  const chooseFamily = (family: EntFamily) => {
    const { version, matching, loginAttribute } = ENT_FAMILIES[family];
    setValues({ ...values, family, version, matching, loginAttribute });
  };
  const fieldError = (name: string) => (
    <p id={`${id}-${name}-error`} className="field-error" aria-live="polite">
      {fieldErrors[name]}
    </p>
  );
  return (
    <form
      noValidate
      className="space-y-3 rounded-md border border-slate-300 p-4"
      aria-labelledby={`${id}-titre`}
      onSubmit={(e) => {
        e.preventDefault();
        setFieldErrors({});
        save(
          async () => {
            const result = await saveEntSettingsAction({ planningId, ...values });
            if (!result.ok) setFieldErrors(result.fieldErrors ?? {});
            return result;
          },
          undefined,
          undefined,
        );
      }}
    >
      <h3 id={`${id}-titre`} className="font-semibold">
        Intégration dans un ENT
      </h3>
      <p className="text-sm text-slate-700">
        Choisissez votre ENT dans le menu déroulant pour récupérer automatiquement tous les paramètres. La gestion des identifiants et mots
        de passe ne se fait alors plus dans {productName} : les courriers de ces utilisateurs ne portent ni mot de passe ni QR code.
      </p>
      {published && (
        <p className="rounded-md border border-amber-400 bg-amber-50 p-2 text-sm" role="note">
          Pour modifier l&apos;intégration dans un ENT, cliquez d&apos;abord sur « Arrêter la publication », puis publiez à nouveau.
        </p>
      )}
      <fieldset disabled={published || pending} className="space-y-3">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={values.enabled} onChange={(e) => set("enabled", e.target.checked)} />
          Activer l&apos;interconnexion avec l&apos;ENT
        </label>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-family`} className="label">
            Mon ENT
          </label>
          <select id={`${id}-family`} className="input" value={values.family} onChange={(e) => chooseFamily(e.target.value as EntFamily)}>
            {(Object.keys(ENT_FAMILIES) as EntFamily[]).map((f) => (
              <option key={f} value={f}>
                {ENT_FAMILIES[f].label}
              </option>
            ))}
          </select>
        </div>
        {values.family === "SAML" ? (
          <>
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-metadata`} className="label">
                Métadonnées du fournisseur d&apos;identité de l&apos;ENT : XML ou adresse https://
              </label>
              <textarea
                id={`${id}-metadata`}
                className="input h-24 font-mono text-xs"
                value={values.metadata}
                onChange={(e) => set("metadata", e.target.value)}
                aria-invalid={fieldErrors.metadata ? true : undefined}
                aria-describedby={`${id}-metadata-error`}
              />
              {fieldError("metadata")}
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-identifier`} className="label">
                Attribut portant l&apos;identité ENT (facultatif, sinon le NameID)
              </label>
              <input
                id={`${id}-identifier`}
                className="input"
                value={values.identifierAttribute}
                onChange={(e) => set("identifierAttribute", e.target.value)}
              />
            </div>
          </>
        ) : (
          <>
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-casUrl`} className="label">
                URL du serveur CAS
              </label>
              <input
                id={`${id}-casUrl`}
                className="input"
                placeholder={`https://ent.region.fr${ENT_FAMILIES[values.family].casPath}`}
                value={values.casUrl}
                onChange={(e) => set("casUrl", e.target.value)}
                aria-invalid={fieldErrors.casUrl ? true : undefined}
                aria-describedby={`${id}-casUrl-error`}
              />
              {fieldError("casUrl")}
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-version`} className="label">
                Version du protocole CAS
              </label>
              <select
                id={`${id}-version`}
                className="input w-32"
                value={values.version}
                onChange={(e) => set("version", e.target.value as "2.0" | "3.0")}
              >
                <option>3.0</option>
                <option>2.0</option>
              </select>
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-ca`} className="label">
                Certificat de l&apos;autorité du serveur CAS (PEM, facultatif)
              </label>
              <textarea
                id={`${id}-ca`}
                className="input h-20 font-mono text-xs"
                placeholder="-----BEGIN CERTIFICATE-----"
                value={values.caCertificate}
                onChange={(e) => set("caCertificate", e.target.value)}
                aria-invalid={fieldErrors.caCertificate ? true : undefined}
                aria-describedby={`${id}-caCertificate-error`}
              />
              {fieldError("caCertificate")}
            </div>
          </>
        )}
        <fieldset className="space-y-1">
          <legend className="label">Paramètres d&apos;identification des utilisateurs</legend>
          {(Object.keys(ENT_MATCHINGS) as EntMatching[]).map((m) => (
            <label key={m} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name={`${id}-matching`}
                className="mt-1"
                checked={values.matching === m}
                onChange={() => set("matching", m)}
              />
              {ENT_MATCHINGS[m]}
            </label>
          ))}
        </fieldset>
        {values.matching === "ATTRIBUTE" && (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-attr`} className="label">
              Attribut CAS portant l&apos;identifiant de connexion
            </label>
            <input
              id={`${id}-attr`}
              className="input"
              value={values.loginAttribute}
              onChange={(e) => set("loginAttribute", e.target.value)}
              aria-invalid={fieldErrors.loginAttribute ? true : undefined}
              aria-describedby={`${id}-loginAttribute-error`}
            />
            {fieldError("loginAttribute")}
          </div>
        )}
        <fieldset className="space-y-1">
          <legend className="label">Espaces connectés par l&apos;ENT</legend>
          {POPULATIONS.map((p) => (
            <label key={p.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={values.populations.includes(p.id)}
                onChange={(e) =>
                  set("populations", e.target.checked ? [...values.populations, p.id] : values.populations.filter((x) => x !== p.id))
                }
              />
              Espace {p.label}
            </label>
          ))}
          {fieldError("populations")}
        </fieldset>
        <button type="submit" className="btn-primary">
          Enregistrer l&apos;intégration dans un ENT
        </button>
      </fieldset>
      <SaveStatus id={`${id}-status`} error={error} saved={ok} />
      {refusals.length > 0 && (
        <div className="rounded-md border border-amber-400 bg-amber-50 p-2 text-sm">
          <p className="font-semibold">Connexions par l&apos;ENT refusées : une identité ENT correspond à plusieurs personnes</p>
          <ul className="list-disc pl-5">
            {refusals.map((r) => (
              <li key={`${r.at}-${r.identity}`}>
                {new Date(r.at).toLocaleString("fr-FR", { timeZone: "Europe/Paris" })} — {r.identity} : {r.persons}. Corrigez les noms ou
                dates de naissance, ou choisissez une autre façon d&apos;identifier les utilisateurs.
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
