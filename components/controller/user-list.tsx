"use client";

import { useEffect, useId, useRef, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Pagination } from "@/components/pagination";
import { CELL, CivilityCell, ConsoleAccessCell, DisabledCell, STICKY, StatusCell, TextCell, type UserListRow } from "./user-cells";
import { NewUserRow } from "./new-user-row";

type Page = { rows: UserListRow[]; total: number; populationTotal: number; page: number; pageCount: number };

/** F5 "Liste des utilisateurs" with the guide's columns, a page at a time, searched on the server. */
export function UserList({ list, search, productName }: { list: Page; search: string; productName: string }) {
  const [created, setCreated] = useState<{ loginId: string; password: string } | null>(null);
  // The delegated sign-in identifiers have a view of their own (Déléguer l'authentification uses them).
  const [delegated, setDelegated] = useState(false);
  const createdMessage = useRef<HTMLParagraphElement>(null);
  // The new user's provisional password is the result to read: the focus goes there.
  useEffect(() => {
    if (created) createdMessage.current?.focus();
  }, [created]);
  const users = list.rows;
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const searchId = useId();
  return (
    <div className="space-y-3">
      <form
        key={search}
        role="search"
        aria-label="Rechercher un utilisateur"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          const next = new URLSearchParams(params.toString());
          const text = String(new FormData(event.currentTarget).get("recherche") ?? "").trim();
          if (text) next.set("recherche", text);
          else next.delete("recherche");
          next.delete("page");
          router.push(`${pathname}?${next.toString()}`);
        }}
      >
        <div className="flex flex-col gap-1">
          <label htmlFor={searchId} className="label">
            Nom, prénom ou identifiant
          </label>
          <input id={searchId} name="recherche" type="search" className="input" defaultValue={search} maxLength={100} />
        </div>
        <button type="submit" className="btn-secondary">
          Rechercher
        </button>
        {search && (
          <p role="status" className="text-sm">
            {list.total} utilisateur(s) sur {list.populationTotal} correspondent à la recherche.
          </p>
        )}
      </form>
      {created && (
        <p
          ref={createdMessage}
          tabIndex={-1}
          role="status"
          className="rounded-md border border-green-700 bg-green-50 px-3 py-2 text-sm text-green-900"
        >
          Utilisateur {created.loginId} créé. Mot de passe provisoire : <strong data-testid="provisional">{created.password}</strong> — il
          n&apos;est affiché qu&apos;une fois ; le courrier de connexion pourra l&apos;imprimer tant qu&apos;il n&apos;aura pas été
          personnalisé.
        </p>
      )}
      <button type="button" className="btn-secondary" aria-pressed={delegated} onClick={() => setDelegated(!delegated)}>
        {delegated ? "Masquer les identifiants délégués (LDAP, CAS, WsFed)" : "Afficher les identifiants délégués (LDAP, CAS, WsFed)"}
      </button>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="mb-2 text-left font-semibold">Utilisateurs {productName}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className={`px-2 ${STICKY[0]}`}>
                Statut
              </th>
              <th scope="col" className={`px-2 ${STICKY[1]}`}>
                Id. connexion
              </th>
              <th scope="col" className={`px-2 ${STICKY[2]}`}>
                Nom
              </th>
              <th scope="col" className="px-2">
                Prénom
              </th>
              <th scope="col" className="px-2">
                Civ.
              </th>
              <th scope="col" className="px-2">
                MdP
              </th>
              <th scope="col" className="px-2">
                Email
              </th>
              <th scope="col" className="px-2">
                Accès à la console
              </th>
              <th scope="col" className="px-2">
                Tél. Fixe
              </th>
              <th scope="col" className="px-2">
                Tél. Portable
              </th>
              {delegated && (
                <>
                  <th scope="col" className="px-2">
                    Identifiant LDAP
                  </th>
                  <th scope="col" className="px-2">
                    Identifiant CAS
                  </th>
                  <th scope="col" className="px-2">
                    Ident. WsFed
                  </th>
                </>
              )}
              <th scope="col" className="px-2">
                Désactivé
              </th>
            </tr>
          </thead>
          <tbody>
            <NewUserRow columns={delegated ? 14 : 11} onCreated={(loginId, password) => setCreated({ loginId, password })} />
            {users.map((user, index) => (
              <tr key={user.id} className="border-b border-slate-200">
                <StatusCell user={user} first={index === 0} />
                <td className={`${CELL} ${STICKY[1]} font-medium`}>{user.loginId}</td>
                <td className={`${CELL} ${STICKY[2]}`}>{user.lastName}</td>
                <td className={CELL}>{user.firstName}</td>
                <CivilityCell key={`v-${user.civility}`} user={user} />
                <td className={CELL} aria-label="Mot de passe masqué">
                  •••••
                </td>
                <TextCell key={`e-${user.email}`} user={user} field="email" label="Email" />
                <ConsoleAccessCell key={`a-${user.consoleAccess}`} user={user} />
                <TextCell key={`p-${user.phone}`} user={user} field="phone" label="Tél. Fixe" />
                <TextCell key={`m-${user.mobile}`} user={user} field="mobile" label="Tél. Portable" />
                {delegated && (
                  <>
                    <TextCell key={`l-${user.ldapId}`} user={user} field="ldapId" label="Identifiant LDAP" />
                    <TextCell key={`c-${user.casId}`} user={user} field="casId" label="Identifiant CAS" />
                    <TextCell key={`w-${user.wsfedId}`} user={user} field="wsfedId" label="Ident. WsFed" />
                  </>
                )}
                <DisabledCell key={`d-${user.disabled}`} user={user} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination label="Pages des utilisateurs" page={list.page} pageCount={list.pageCount} />
    </div>
  );
}
