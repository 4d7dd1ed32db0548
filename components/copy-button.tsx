"use client";

import { useEffect, useState } from "react";

/** "Copier": puts a value on the clipboard and says so to screen readers too. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 4000);
    return () => clearTimeout(timer);
  }, [state]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" className="btn-secondary px-2 py-1" aria-label={label} onClick={copy}>
        Copier
      </button>
      <span aria-live="polite" className={state === "failed" ? "field-error" : "text-sm text-ok"}>
        {state === "copied" ? "Copié" : state === "failed" ? "Copie impossible : sélectionnez le texte et copiez-le." : ""}
      </span>
    </span>
  );
}
