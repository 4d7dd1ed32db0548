"use client";

import { useEffect, useId, useRef, useState, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Pagination } from "@/components/pagination";
import { ModalDialog } from "@/components/modal-dialog";
import { createUserAction, updateUserAction } from "@/lib/actions/controller";
import { STATUS_LABELS, USER_STATUSES } from "@/lib/schemas/user";
import type { ActionResult } from "@/lib/actions/action-client";

export type UserListRow = {
  id: string;
  loginId: string;
  lastName: string;
  firstName: string;
  civility: string;
  email: string;
  phone: string;
  mobile: string;
  status: (typeof USER_STATUSES)[number];
  consoleAccess: boolean;
  ldapId: string;
  casId: string;
  wsfedId: string;
  pinLockedAt: Date | null;
  disabled: boolean;
};

type Status = UserListRow["status"];

function useRowSave() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const save = (run: () => Promise<ActionResult<unknown>>, onFail?: () => void) =>
    startTransition(async () => {
      setError(null);
      const result = await run();
      if (result.ok) router.refresh();
      else {
        onFail?.();
        setError(Object.values(result.fieldErrors ?? {})[0] ?? result.formError ?? "La modification a échoué.");
      }
    });
  return { error, pending, save };
}

/** A text cell saved on Enter or when the focus leaves it; a refused value goes back. */
function TextCell({
  user,
  field,
  label,
}: {
  user: UserListRow;
  field: "email" | "phone" | "mobile" | "ldapId" | "casId" | "wsfedId";
  label: string;
}) {
  const [value, setValue] = useState(user[field]);
  const { error, save } = useRowSave();
  const id = useId();
  const commit = () => {
    if (value.trim() === user[field]) return;
    save(
      () => updateUserAction({ userId: user.id, [field]: value.trim() }),
      () => setValue(user[field]),
    );
  };
  return (
    <td className={CELL}>
      <input
        className={`input px-2 py-1 ${field === "email" ? "w-48" : "w-36"}`}
        aria-label={`${label} de ${user.loginId}`}
        type={field === "email" ? "email" : field === "phone" || field === "mobile" ? "tel" : "text"}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === "Enter" && commit()}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-err`}
      />
      <span id={`${id}-err`} className="field-error block" aria-live="polite">
        {error}
      </span>
    </td>
  );
}

function CivilityCell({ user }: { user: UserListRow }) {
  const { error, pending, save } = useRowSave();
  return (
    <td className={CELL}>
      <select
        className="input px-1 py-1"
        aria-label={`Civilité de ${user.loginId}`}
        defaultValue={user.civility}
        disabled={pending}
        onChange={(e) => save(() => updateUserAction({ userId: user.id, civility: e.target.value as "" | "M." | "Mme" }))}
      >
        <option value=""></option>
        <option value="M.">M.</option>
        <option value="Mme">Mme</option>
      </select>
      <span className="field-error block" aria-live="polite">
        {error}
      </span>
    </td>
  );
}

/**
 * Statut, Id. connexion and Nom stay in view while the list scrolls sideways (1280×720 shows the
 * list to "Accès à la console"); each column keeps its width, so the sticky ones do not overlap.
 */
const STICKY = [
  "sticky left-0 z-10 w-44 min-w-44 bg-white",
  "sticky left-44 z-10 w-28 min-w-28 bg-white",
  "sticky left-72 z-10 w-28 min-w-28 bg-white shadow-[1px_0_0_#cbd5e1]",
];
const CELL = "px-2 py-1 align-top";

function StatusCell({ user, first }: { user: UserListRow; first: boolean }) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Status>(user.status);
  const { error, pending, save } = useRowSave();
  const name = useId();
  return (
    <td className={`${CELL} ${STICKY[0]}`}>
      <button
        type="button"
        id={first ? "statut-utilisateur" : undefined}
        className="rounded px-1 text-left underline decoration-dotted"
        aria-label={`Statut de ${user.loginId} : ${STATUS_LABELS[user.status]}. Modifier`}
        onClick={() => {
          setChoice(user.status);
          setOpen(true);
        }}
      >
        {STATUS_LABELS[user.status]}
      </button>
      {user.pinLockedAt && (
        <button
          type="button"
          className="mt-1 block text-xs text-danger underline"
          aria-label={`Débloquer la connexion par code PIN de ${user.loginId}`}
          onClick={() => save(() => updateUserAction({ userId: user.id, unlockPin: true }))}
        >
          Code PIN bloqué — Débloquer
        </button>
      )}
      <span className="field-error block" aria-live="polite">
        {error}
      </span>
      <ModalDialog
        open={open}
        title="Statut de l'utilisateur"
        onCancel={() => setOpen(false)}
        actions={
          <>
            <button type="button" className="btn-secondary" onClick={() => setOpen(false)}>
              Annuler
            </button>
            <button
              type="button"
              className="btn-primary"
              disabled={pending}
              onClick={() => {
                setOpen(false);
                save(() => updateUserAction({ userId: user.id, status: choice }));
              }}
            >
              Valider
            </button>
          </>
        }
      >
        <fieldset>
          <legend className="sr-only">Statut de {user.loginId}</legend>
          {USER_STATUSES.map((status) => (
            <label key={status} className="flex items-center gap-2 py-1">
              <input type="radio" name={name} checked={choice === status} onChange={() => setChoice(status)} />
              {STATUS_LABELS[status]}
            </label>
          ))}
        </fieldset>
      </ModalDialog>
    </td>
  );
}

/** A disabled user cannot sign in, and loses his open sessions at once. */
function DisabledCell({ user }: { user: UserListRow }) {
  const { error, pending, save } = useRowSave();
  const [checked, setChecked] = useState(user.disabled);
  return (
    <td className={`${CELL} text-center`}>
      <input
        type="checkbox"
        aria-label={`Compte de ${user.loginId} désactivé`}
        checked={checked}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.checked;
          setChecked(next);
          save(
            () => updateUserAction({ userId: user.id, disabled: next }),
            () => setChecked(!next),
          );
        }}
      />
      <span className="field-error block" aria-live="polite">
        {error}
      </span>
    </td>
  );
}

function ConsoleAccessCell({ user }: { user: UserListRow }) {
  const { error, pending, save } = useRowSave();
  const [checked, setChecked] = useState(user.consoleAccess);
  const eligible = user.status !== "USER" && user.email !== "";
  return (
    <td className={`${CELL} text-center`}>
      <input
        type="checkbox"
        aria-label={`Accès à la console pour ${user.loginId}`}
        checked={checked}
        disabled={!eligible || pending}
        title={eligible ? undefined : "Saisissez d'abord une adresse e-mail valide (superadministrateurs et administrateurs de base)."}
        onChange={(e) => {
          const next = e.target.checked;
          setChecked(next);
          save(
            () => updateUserAction({ userId: user.id, consoleAccess: next }),
            () => setChecked(!next),
          );
        }}
      />
      <span className="field-error block" aria-live="polite">
        {error}
      </span>
    </td>
  );
}

/** F13 "Nouveau": Id. connexion, Nom, Prénom, validated with Entrée; the provisional password is shown once. */
function NewUserRow({ columns, onCreated }: { columns: number; onCreated: (loginId: string, password: string) => void }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ loginId: "", lastName: "", firstName: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const opener = useRef<HTMLButtonElement>(null);
  const [closedByCancel, setClosedByCancel] = useState(false);
  // "Annuler" gives the focus back to "+ Nouveau", where the keyboard user was.
  useEffect(() => {
    if (!open && closedByCancel) opener.current?.focus();
  }, [open, closedByCancel]);
  if (!open) {
    return (
      <tr>
        <td colSpan={columns} className="py-1">
          <button
            ref={opener}
            id="nouvel-utilisateur"
            type="button"
            className="btn-secondary"
            onClick={() => {
              setClosedByCancel(false);
              setOpen(true);
            }}
          >
            + Nouveau
          </button>
        </td>
      </tr>
    );
  }
  const submit = () =>
    startTransition(async () => {
      const result = await createUserAction(values);
      if (result.ok) {
        onCreated(result.data.loginId, result.data.provisionalPassword);
        setValues({ loginId: "", lastName: "", firstName: "" });
        setErrors({});
        setOpen(false);
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? { loginId: result.formError ?? "La création a échoué." });
      }
    });
  const input = (field: keyof typeof values, label: string) => (
    <td className={CELL}>
      <input
        className="input w-36 px-2 py-1"
        aria-label={`${label} du nouvel utilisateur`}
        autoFocus={field === "loginId"}
        value={values[field]}
        onChange={(e) => setValues({ ...values, [field]: e.target.value })}
        onKeyDown={(e) => {
          if (e.key !== "Enter") return;
          e.preventDefault();
          const cells = [...(e.currentTarget.closest("tr")?.querySelectorAll("input") ?? [])];
          const next = cells[cells.indexOf(e.currentTarget) + 1];
          if (next) next.focus();
          else submit();
        }}
        aria-invalid={errors[field] ? true : undefined}
      />
      <span className="field-error block" aria-live="polite">
        {errors[field]}
      </span>
    </td>
  );
  return (
    <tr className="bg-amber-50">
      <td className={CELL}>Utilisateur</td>
      {input("loginId", "Id. connexion")}
      {input("lastName", "Nom")}
      {input("firstName", "Prénom")}
      <td colSpan={columns - 4} className={CELL}>
        <button type="button" className="btn-primary" disabled={pending} onClick={submit}>
          Créer
        </button>
        <button
          type="button"
          className="btn-secondary ml-2"
          onClick={() => {
            // What was typed is dropped: the next "+ Nouveau" starts from empty fields.
            setValues({ loginId: "", lastName: "", firstName: "" });
            setErrors({});
            setClosedByCancel(true);
            setOpen(false);
          }}
        >
          Annuler
        </button>
      </td>
    </tr>
  );
}

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
