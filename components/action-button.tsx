"use client";

import { useId } from "react";
import type { ActionResult } from "@/lib/action-result";
import { useSave } from "@/components/use-save";

type Props<I, T> = {
  action: (input: I) => Promise<ActionResult<T>>;
  input: I;
  children: React.ReactNode;
  primary?: boolean;
};

/** A command that runs one server action ("Mettre en service", "Publier" …) and says why it was refused. */
export function ActionButton<I, T>({ action, input, children, primary }: Props<I, T>) {
  const id = useId();
  const { error, pending, save } = useSave();
  return (
    <div className="space-y-1">
      <button
        type="button"
        className={primary ? "btn-primary" : "btn-secondary"}
        disabled={pending}
        aria-describedby={`${id}-error`}
        onClick={() => save(() => action(input))}
      >
        {children}
      </button>
      <p id={`${id}-error`} className="field-error max-w-md" role="alert">
        {error}
      </p>
    </div>
  );
}
