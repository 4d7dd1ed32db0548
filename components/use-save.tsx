"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { failureMessage, type ActionResult } from "@/lib/action-result";

/** Runs an action, refreshes the page on success, and keeps the message of a failure. */
export function useSave() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  function save<T>(run: () => Promise<ActionResult<T>>, onOk?: () => void, field?: string, onFail?: () => void) {
    setError(null);
    setSaved(false);
    startTransition(async () => {
      const result = await run();
      if (result.ok) {
        setSaved(true);
        onOk ? onOk() : router.refresh();
      } else {
        onFail?.();
        setError((field && result.fieldErrors?.[field]) || failureMessage(result, "L'enregistrement a échoué."));
      }
    });
  }
  return { error, saved, pending, save, refresh: () => router.refresh() };
}

/** Says beside a control that saves itself whether the change was kept. */
export function SaveStatus({ id, error, saved }: { id: string; error: string | null; saved: boolean }) {
  return (
    <p id={id} className={error ? "field-error" : "text-sm text-ok"} aria-live="polite">
      {error ?? (saved ? "Enregistré." : "")}
    </p>
  );
}
