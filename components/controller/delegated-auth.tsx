"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { saveDelegatedAuthAction } from "@/lib/actions/controller";
import { PROTOCOL_LABELS, type DelegatedProtocol } from "@/lib/schemas/delegated-auth";

type Field = { name: string; label: string; placeholder?: string; options?: string[]; kind?: "textarea" | "password" };

const FIELDS: Record<DelegatedProtocol, Field[]> = {
  ldap: [
    { name: "serverUrl", label: "Adresse du serveur LDAP", placeholder: "ldaps://annuaire.ecole.fr:636" },
    {
      name: "caCertificate",
      label: "Certificat de l'autorité de l'annuaire (PEM, facultatif)",
      kind: "textarea",
      placeholder: "-----BEGIN CERTIFICATE-----",
    },
    { name: "baseDn", label: "DN de base", placeholder: "dc=ecole,dc=fr" },
    { name: "dnTemplate", label: "Modèle de DN (liaison directe, facultatif)", placeholder: "uid={identifiant},ou=people,dc=ecole,dc=fr" },
    { name: "bindDn", label: "DN du compte de liaison (recherche puis liaison)", placeholder: "cn=lecture,dc=ecole,dc=fr" },
    { name: "bindPassword", label: "Mot de passe du compte de liaison", kind: "password" },
    { name: "userAttribute", label: "Attribut de l'identifiant", placeholder: "uid" },
  ],
  cas: [
    { name: "serverUrl", label: "Adresse du serveur CAS", placeholder: "https://cas.ent.fr/cas" },
    { name: "version", label: "Version du protocole", options: ["3.0", "2.0"] },
    {
      name: "caCertificate",
      label: "Certificat de l'autorité du serveur CAS (PEM, facultatif)",
      kind: "textarea",
      placeholder: "-----BEGIN CERTIFICATE-----",
    },
    { name: "userAttribute", label: "Attribut portant l'Identifiant CAS (CAS 3.0, facultatif)", placeholder: "uid" },
  ],
  wsfed: [
    {
      name: "metadataUrl",
      label: "Adresse des métadonnées",
      placeholder: "https://adfs.ecole.fr/FederationMetadata/2007-06/FederationMetadata.xml",
    },
    { name: "realm", label: "Domaine (realm)", placeholder: "urn:pronote:ecole" },
  ],
  saml: [
    {
      name: "metadata",
      label: "Métadonnées du fournisseur d'identité (ENT) : XML ou adresse https://",
      kind: "textarea",
      placeholder: "https://ent.region.fr/saml/metadata",
    },
    { name: "identifierAttribute", label: "Attribut portant l'Identifiant CAS (facultatif, sinon le NameID)", placeholder: "uid" },
  ],
};

function ProtocolForm({ protocol, saved }: { protocol: DelegatedProtocol; saved: Record<string, string | boolean> | null }) {
  const router = useRouter();
  const id = useId();
  const [values, setValues] = useState<Record<string, string | boolean>>(() => ({
    enabled: false,
    ...Object.fromEntries(FIELDS[protocol].map((f) => [f.name, f.options?.[0] ?? ""])),
    ...saved,
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [ok, setOk] = useState(false);
  const [pending, startTransition] = useTransition();
  const label = PROTOCOL_LABELS[protocol];
  return (
    <form
      noValidate
      className="space-y-2 rounded-md border border-slate-300 p-4"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        setOk(false);
        startTransition(async () => {
          const result = await saveDelegatedAuthAction({ protocol, settings: values });
          if (result.ok) {
            setErrors({});
            setOk(true);
            router.refresh();
          } else setErrors({ ...result.fieldErrors, form: result.formError ?? "" });
        });
      }}
    >
      <h3 id={`${id}-title`} className="font-semibold">
        {label}
      </h3>
      {protocol === "ldap" && (
        <p className="text-sm text-slate-700">
          Les utilisateurs qui ont un Identifiant LDAP se connectent avec le mot de passe de l&apos;annuaire, toujours chiffré (LDAPS, ou
          StartTLS sur ldap://) et le certificat du serveur vérifié ; les autres gardent leur mot de passe. Au moins un superadministrateur
          reste sans Identifiant LDAP : le compte de secours.
        </p>
      )}
      {protocol === "cas" && (
        <p className="text-sm text-slate-700">
          Les utilisateurs qui ont un Identifiant CAS peuvent cliquer sur « Se connecter avec le CAS » : le serveur CAS les authentifie, la
          console vérifie elle-même le ticket auprès de lui. Sans attribut, l&apos;Identifiant CAS est le nom d&apos;utilisateur que le
          serveur renvoie.
        </p>
      )}
      {protocol === "saml" && (
        <p className="text-sm text-slate-700">
          Les utilisateurs dont l&apos;Identifiant CAS est leur identité ENT peuvent cliquer sur « Se connecter par l&apos;ENT (SAML) ». La
          console est un fournisseur de service : donnez à l&apos;ENT ses métadonnées, à l&apos;adresse /api/connexion/saml/metadata.
          {saved?.idpEntityId ? ` Fournisseur d'identité enregistré : ${saved.idpEntityId}.` : ""}
        </p>
      )}
      {protocol === "wsfed" && (
        <p className="text-sm text-slate-700">
          Ces paramètres sont enregistrés ; la connexion par {label} n&apos;est pas encore proposée aux utilisateurs.
        </p>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={values.enabled === true} onChange={(e) => setValues({ ...values, enabled: e.target.checked })} />
        Activer l&apos;authentification {label}
      </label>
      {FIELDS[protocol].map((field) => (
        <div key={field.name} className="flex flex-col gap-1">
          <label htmlFor={`${id}-${field.name}`} className="label">
            {field.label}
          </label>
          {field.options ? (
            <select
              id={`${id}-${field.name}`}
              className="input w-32"
              value={String(values[field.name])}
              onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
            >
              {field.options.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          ) : field.kind === "textarea" ? (
            <textarea
              id={`${id}-${field.name}`}
              className="input h-24 font-mono text-xs"
              placeholder={field.placeholder}
              value={String(values[field.name] ?? "")}
              onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
              aria-invalid={errors[field.name] ? true : undefined}
              aria-describedby={`${id}-${field.name}-error`}
            />
          ) : (
            <input
              id={`${id}-${field.name}`}
              className="input"
              type={field.kind === "password" ? "password" : "text"}
              autoComplete={field.kind === "password" ? "new-password" : undefined}
              placeholder={
                field.kind === "password" && saved?.bindPasswordStored ? "enregistré — saisissez-le pour le changer" : field.placeholder
              }
              value={String(values[field.name] ?? "")}
              onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
              aria-invalid={errors[field.name] ? true : undefined}
              aria-describedby={`${id}-${field.name}-error`}
            />
          )}
          <p id={`${id}-${field.name}-error`} className="field-error" aria-live="polite">
            {errors[field.name]}
          </p>
        </div>
      ))}
      <p role="status" className={errors.form ? "field-error" : "text-sm text-ok"}>
        {errors.form || (ok ? "Enregistré." : "")}
      </p>
      <button type="submit" className="btn-primary" disabled={pending}>
        Enregistrer les paramètres {label}
      </button>
    </form>
  );
}

/** F5 "Déléguer l'authentification": LDAP, CAS, WS-Federation, SAML/ENT. */
export function DelegatedAuth({ settings }: { settings: Record<DelegatedProtocol, Record<string, string | boolean> | null> }) {
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        Les identifiants propres à chaque utilisateur (Identifiant LDAP, Identifiant CAS, Ident. WsFed) se saisissent dans la Liste des
        utilisateurs.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        {(Object.keys(FIELDS) as DelegatedProtocol[]).map((p) => (
          <ProtocolForm key={p} protocol={p} saved={settings[p]} />
        ))}
      </div>
    </div>
  );
}
