"use client";

/** A labelled input with its message beside it, described for screen readers. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  autoComplete?: string;
  error?: string;
  describedBy?: string;
  inputMode?: "numeric";
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={props.id} className="label">
        {props.label}
      </label>
      <input
        id={props.id}
        type={props.type ?? "text"}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        className="input"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={[`${props.id}-error`, props.describedBy].filter(Boolean).join(" ")}
      />
      <p id={`${props.id}-error`} className="field-error" aria-live="polite">
        {props.error}
      </p>
    </div>
  );
}
