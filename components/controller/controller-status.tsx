"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setControllerStatusAction } from "@/lib/actions/controller";

/** F6 "Activer le contrôleur" / "Désactiver le contrôleur", refused with the missing step named. */
export function ControllerStatusButton({ running }: { running: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-1">
      <button
        type="button"
        className={running ? "btn-secondary" : "btn-primary"}
        disabled={pending}
        aria-describedby="controller-status-error"
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await setControllerStatusAction({ running: !running });
            if (result.ok) router.refresh();
            else setError(result.formError ?? "Le changement d'état a échoué.");
          })
        }
      >
        {running ? "Désactiver le contrôleur" : "Activer le contrôleur"}
      </button>
      <p id="controller-status-error" className="field-error" role="alert">
        {error}
      </p>
    </div>
  );
}
