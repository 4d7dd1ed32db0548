"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ModalDialog } from "@/components/modal-dialog";
import { assignProfileAction, unassignProfileAction } from "@/lib/actions/controller";
import { PROFILE_LABELS, PROFILES, type Profile } from "@/lib/schemas/user";
import { AssignmentTools } from "./assignment-tools";
import { failureMessage } from "@/lib/action-result";

type User = {
  id: string;
  loginId: string;
  lastName: string;
  firstName: string;
  status: string;
  assignments: { planningId: string; profile: string }[];
};

/** F5 "Affectation dans les profils": plannings on the left, the three profiles of the selected one. */
export function ProfileAssignments({
  plannings,
  users,
  models,
}: {
  plannings: { id: string; name: string }[];
  users: User[];
  models: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [planningId, setPlanningId] = useState(plannings[0]?.id);
  const [picking, setPicking] = useState<Profile | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const planning = plannings.find((p) => p.id === planningId);
  if (!planning) return null;

  const assignedTo = (profile: Profile) =>
    users.filter((u) => u.assignments.some((a) => a.planningId === planning.id && a.profile === profile));
  const unassigned = (profile: Profile) =>
    users.filter(
      (u) =>
        !u.assignments.some((a) => a.planningId === planning.id) &&
        (profile !== "ADMINISTRATION" || u.status === "SUPERADMIN" || u.status === "BASE_ADMIN"),
    );
  const run = (action: () => ReturnType<typeof unassignProfileAction>) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      if (result.ok) router.refresh();
      else setError(failureMessage(result, "L'affectation a échoué."));
    });

  return (
    <div className="grid gap-4 md:grid-cols-[12rem_1fr]">
      <nav aria-label="Plannings">
        <p className="label mb-1">Plannings</p>
        <ul className="space-y-1">
          {plannings.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                aria-pressed={p.id === planning.id}
                className={`w-full rounded px-2 py-1 text-left text-sm ${p.id === planning.id ? "bg-brand text-white" : "hover:bg-slate-100"}`}
                onClick={() => setPlanningId(p.id)}
              >
                {p.name}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="titre-affectation">
        <h3 id="titre-affectation" className="mb-2 font-semibold">
          {planning.name} : Affectation des utilisateurs dans les profils
        </h3>
        <AssignmentTools planning={planning} plannings={plannings} models={models} />
        <p className="field-error" role="alert">
          {error}
        </p>
        {PROFILES.map((profile) => (
          <div key={profile} className="mb-3">
            <button
              type="button"
              className="font-semibold text-brand-dark underline"
              onClick={() => {
                setTicked([]);
                setPicking(profile);
              }}
            >
              + {PROFILE_LABELS[profile]}
            </button>
            <ul className="ml-4 text-sm" aria-label={`Profil ${PROFILE_LABELS[profile]}`}>
              {assignedTo(profile).map((u) => (
                <li key={u.id} className="flex items-center gap-3 py-0.5">
                  <span className="w-28">{u.loginId}</span>
                  <span>
                    {u.lastName} {u.firstName}
                  </span>
                  <button
                    type="button"
                    className="text-xs text-danger underline"
                    aria-label={`Retirer ${u.loginId} du profil ${PROFILE_LABELS[profile]}`}
                    disabled={pending}
                    onClick={() => run(() => unassignProfileAction({ planningId: planning.id, userId: u.id }))}
                  >
                    Retirer
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <ModalDialog
        open={picking !== null}
        title={`Utilisateurs — ${picking ? PROFILE_LABELS[picking] : ""}`}
        onCancel={() => setPicking(null)}
        actions={
          <>
            <button type="button" className="btn-secondary" onClick={() => setPicking(null)}>
              Annuler
            </button>
            <button
              type="button"
              className="btn-primary"
              disabled={pending || ticked.length === 0}
              onClick={() => {
                const profile = picking!;
                setPicking(null);
                run(() => assignProfileAction({ planningId: planning.id, profile, userIds: ticked }));
              }}
            >
              Valider
            </button>
          </>
        }
      >
        {picking === "ADMINISTRATION" && (
          <p className="mb-2 text-xs text-slate-700">
            Pour le profil Administration, seuls les utilisateurs ayant le statut Superadministrateur ou Administrateur de base sont
            proposés.
          </p>
        )}
        {picking && unassigned(picking).length === 0 ? (
          <p>Tous les utilisateurs proposés sont déjà affectés à un profil de ce planning.</p>
        ) : (
          <ul>
            {picking &&
              unassigned(picking).map((u) => (
                <li key={u.id}>
                  <label className="flex items-center gap-2 py-0.5">
                    <input
                      type="checkbox"
                      checked={ticked.includes(u.id)}
                      onChange={(e) => setTicked(e.target.checked ? [...ticked, u.id] : ticked.filter((id) => id !== u.id))}
                    />
                    <span className="w-28">{u.loginId}</span>
                    {u.lastName} {u.firstName}
                  </label>
                </li>
              ))}
          </ul>
        )}
      </ModalDialog>
    </div>
  );
}
