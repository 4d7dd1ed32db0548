"use client";

import { useEffect, useId, useRef } from "react";

type Props = {
  open: boolean;
  title: string;
  children: React.ReactNode;
  /** Escape does what the cancelling button does. */
  onCancel: () => void;
  actions: React.ReactNode;
};

/**
 * The Windows console's small modal windows ("Modification du nom de domaine" …), on the native
 * <dialog>: focus is trapped and restored by the browser, Escape closes it. Its content is rendered
 * only while it is open: a page with closed windows (the 218 dates of "Créer une base" …) does not
 * render, send and hydrate them for nothing.
 */
export function ModalDialog({ open, title, children, onCancel, actions }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-slate-300 p-0 shadow-xl"
    >
      <div className="bg-brand px-4 py-2">
        <h2 id={titleId} className="text-sm font-semibold text-white">
          {title}
        </h2>
      </div>
      <div id={bodyId} className="px-5 py-4 text-sm">
        {open && children}
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-200 px-5 py-3">{actions}</div>
    </dialog>
  );
}
