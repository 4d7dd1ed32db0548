"use client";

import { useId, useMemo } from "react";

/**
 * F12's keypad: the digits in a shuffled order (so that the position of a click says nothing of
 * the PIN), usable with a mouse or by typing digits in the field.
 */
export function PinPad({
  label,
  value,
  onChange,
  error,
  hint,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  hint?: string;
}) {
  const id = useId();
  const digits = useMemo(() => {
    const list = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    for (let i = list.length - 1; i > 0; i--) {
      const j = crypto.getRandomValues(new Uint32Array(1))[0] % (i + 1);
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  }, []);
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        id={id}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={12}
        className="input w-48 tracking-widest"
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, ""))}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint ${id}-error`}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-700">
        {hint}
      </p>
      <div className="grid w-48 grid-cols-5 gap-1" role="group" aria-label="Pavé numérique">
        {digits.map((d) => (
          <button key={d} type="button" className="btn-secondary px-0 py-2" onClick={() => onChange((value + d).slice(0, 12))}>
            {d}
          </button>
        ))}
      </div>
      <button type="button" className="text-xs underline" onClick={() => onChange(value.slice(0, -1))}>
        Effacer le dernier chiffre
      </button>
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {error}
      </p>
    </div>
  );
}
