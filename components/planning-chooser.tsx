"use client";

import { useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { ModalDialog } from "@/components/modal-dialog";

export type UserPlanning = {
  id: string;
  name: string;
  fqdn: string | null;
  port: number;
  espaces: string | null;
  administrators: string[];
};

/**
 * F12 "Connectez-vous au serveur de votre choix": the plannings in service; a double click (or
 * Entrée, or "Se connecter") opens the way to the chosen one — the server's address and port for
 * the Client's "Connexion directe au serveur", and its Espaces when they are published.
 */
export function PlanningChooser({ plannings }: { plannings: UserPlanning[] }) {
  const [chosen, setChosen] = useState<UserPlanning | null>(null);
  return (
    <>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Plannings en service</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="px-2 py-1">
              Nom
            </th>
            <th scope="col" className="px-2 py-1">
              Administrateur
            </th>
            <th scope="col" className="px-2 py-1">
              <span className="sr-only">Connexion</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {plannings.map((p) => (
            <tr key={p.id} className="cursor-pointer border-b border-slate-200 hover:bg-slate-50" onDoubleClick={() => setChosen(p)}>
              <td className="px-2 py-2 font-medium">{p.name}</td>
              <td className="px-2 py-2">{p.administrators.join(", ")}</td>
              <td className="px-2 py-2 text-right">
                <button type="button" className="btn-secondary" onClick={() => setChosen(p)}>
                  Se connecter à {p.name}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ModalDialog
        open={chosen !== null}
        title={chosen ? `Connexion à ${chosen.name}` : "Connexion"}
        onCancel={() => setChosen(null)}
        actions={
          <button type="button" className="btn-primary" onClick={() => setChosen(null)}>
            Fermer
          </button>
        }
      >
        {chosen && (
          <div className="space-y-3">
            <p>Dans le Client, choisissez « Connexion directe au serveur » et saisissez :</p>
            <dl className="space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                <dt className="font-medium">Adresse IP ou nom de domaine :</dt>
                <dd className="flex items-center gap-2">
                  <code>{chosen.fqdn ?? "non renseignée"}</code>
                  {chosen.fqdn && <CopyButton value={chosen.fqdn} label={`Copier l'adresse de ${chosen.name}`} />}
                </dd>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <dt className="font-medium">Port TCP :</dt>
                <dd>
                  <code>{chosen.port}</code>
                </dd>
              </div>
            </dl>
            {chosen.espaces && (
              <p>
                Les Espaces de ce planning sont publiés :{" "}
                <a className="text-brand underline" href={chosen.espaces} target="_blank" rel="noreferrer">
                  {chosen.espaces}
                </a>
              </p>
            )}
          </div>
        )}
      </ModalDialog>
    </>
  );
}
