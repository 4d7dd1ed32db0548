"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ModalDialog } from "@/components/modal-dialog";
import { applyAssignmentModelAction, copyAssignmentsAction, saveAssignmentModelAction } from "@/lib/actions/controller";
import { failureMessage, type ActionResult } from "@/lib/action-result";

type Tool = "copy" | "save" | "apply";
const TITLES: Record<Tool, string> = {
  copy: "Récupérer tous les utilisateurs et leurs autorisations",
  save: "Enregistrer les affectations du planning sélectionné dans un modèle",
  apply: "Appliquer un modèle d'affectation",
};

function outcome(added: number, skipped: number) {
  return (
    `${added} affectation${added > 1 ? "s" : ""} ajoutée${added > 1 ? "s" : ""}` +
    (skipped
      ? `, ${skipped} ignorée${skipped > 1 ? "s" : ""} (utilisateur déjà affecté à ce planning, ou non autorisé en Administration).`
      : ".")
  );
}

/** F5: models of assignments, and copying a planning's users with their profiles. */
export function AssignmentTools({
  planning,
  plannings,
  models,
}: {
  planning: { id: string; name: string };
  plannings: { id: string; name: string }[];
  models: { id: string; name: string }[];
}) {
  const router = useRouter();
  const id = useId();
  const others = plannings.filter((p) => p.id !== planning.id);
  const [tool, setTool] = useState<Tool | null>(null);
  const [choice, setChoice] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const open = (t: Tool) => {
    setTool(t);
    setError(null);
    setChoice(t === "copy" ? (others[0]?.id ?? "") : (models[0]?.id ?? ""));
    setName("");
  };
  const submit = () =>
    startTransition(async () => {
      let result: ActionResult<{ added: number; skipped: number } | { name: string; count: number }>;
      if (tool === "copy") result = await copyAssignmentsAction({ planningId: planning.id, fromPlanningId: choice });
      else if (tool === "apply") result = await applyAssignmentModelAction({ planningId: planning.id, modelId: choice });
      else result = await saveAssignmentModelAction({ planningId: planning.id, name });
      if (!result.ok) {
        setError(failureMessage(result, "L'opération a échoué.", true));
        return;
      }
      const data = result.data;
      setMessage("added" in data ? outcome(data.added, data.skipped) : `Modèle « ${data.name} » enregistré (${data.count} affectations).`);
      setTool(null);
      router.refresh();
    });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {(Object.keys(TITLES) as Tool[]).map((t) => (
          <button
            key={t}
            type="button"
            className="btn-secondary text-xs"
            disabled={(t === "copy" && others.length === 0) || (t === "apply" && models.length === 0)}
            onClick={() => open(t)}
          >
            {TITLES[t]}
          </button>
        ))}
      </div>
      <p role="status" className="text-sm text-ok">
        {message}
      </p>
      <ModalDialog
        open={tool !== null}
        title={tool ? TITLES[tool] : ""}
        onCancel={() => setTool(null)}
        actions={
          <>
            <button type="button" className="btn-secondary" onClick={() => setTool(null)}>
              Annuler
            </button>
            <button type="button" className="btn-primary" disabled={pending} onClick={submit}>
              Valider
            </button>
          </>
        }
      >
        <div className="flex flex-col gap-1">
          {tool === "save" ? (
            <>
              <label htmlFor={`${id}-name`} className="label">
                Nom du modèle
              </label>
              <input
                id={`${id}-name`}
                className="input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                aria-describedby={`${id}-err`}
              />
            </>
          ) : (
            <>
              <label htmlFor={`${id}-choice`} className="label">
                {tool === "copy" ? `Récupérer dans ${planning.name} les utilisateurs du planning` : "Modèle"}
              </label>
              <select
                id={`${id}-choice`}
                className="input"
                value={choice}
                onChange={(e) => setChoice(e.target.value)}
                aria-describedby={`${id}-err`}
              >
                {(tool === "copy" ? others : models).map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </>
          )}
          <p id={`${id}-err`} className="field-error" aria-live="polite">
            {error}
          </p>
        </div>
      </ModalDialog>
    </div>
  );
}
