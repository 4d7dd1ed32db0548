"use client";

import { useEffect, useId, useRef } from "react";

type Props = {
  open: boolean;
  title: string;
  children: React.ReactNode;
  /** Escape does what the cancelling button does. */
  onCancel: () => void;
  actions: React.ReactNode;
  /**
   * The id of the control the focus goes back to, when it is not what had the focus at opening
   * (a window opened by another window, whose opener was disabled while it worked).
   */
  returnFocusTo?: string;
  /** A window of many fields ("Paramétrage de la grille horaire"): wider, hence less tall. */
  wide?: boolean;
};

/**
 * The browser gives the focus back to what opened the window, unless that is gone: a page refreshed
 * by the window's action renders its opener anew. The control of the same id is then focused, once
 * it is there, so that the focus never falls to the page's body.
 */
let stopWatching = () => {};

function returnFocus(opener: { element: HTMLElement | null; id: string }) {
  // One window's return at a time: the latest closed is the one the user comes back from.
  stopWatching();
  let tries = 0;
  const timer = setInterval(() => {
    const active = document.activeElement;
    const target = opener.element?.isConnected ? opener.element : opener.id ? document.getElementById(opener.id) : null;
    // Lost: on the body, or still on a button of the closed window (a key pressed on "Ok" leaves it there).
    const lost = !active || active === document.body || active.closest("dialog:not([open])") !== null;
    // Watched five seconds: the refresh that renders the form anew (and takes the focus from
    // whatever it held) comes after the window has closed.
    if (++tries > 100) return stop();
    if (lost && target && !(target as HTMLButtonElement).disabled) target.focus();
  }, 50);
  // Once the user acts again (a click, a key), a later loss of focus is not this window's.
  const stop = () => {
    clearInterval(timer);
    document.removeEventListener("pointerdown", stop, true);
    document.removeEventListener("keydown", stop, true);
  };
  document.addEventListener("pointerdown", stop, true);
  document.addEventListener("keydown", stop, true);
  stopWatching = stop;
}

/**
 * The Windows console's small modal windows ("Modification du nom de domaine" …), on the native
 * <dialog>: focus is trapped and restored by the browser, Escape closes it. Its content is rendered
 * only while it is open: a page with closed windows (the 218 dates of "Créer une base" …) does not
 * render, send and hydrate them for nothing.
 */
export function ModalDialog({ open, title, children, onCancel, actions, returnFocusTo, wide = false }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<{ element: HTMLElement | null; id: string }>({ element: null, id: "" });
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      opener.current = returnFocusTo ? { element: null, id: returnFocusTo } : { element: active, id: active?.id ?? "" };
      // A window opening ends the watch of the previous one's return.
      stopWatching();
      dialog.showModal();
    }
    if (!open && dialog.open) {
      dialog.close();
      // Not cancelled with the window: its action may unmount it with its opener.
      returnFocus(opener.current);
    }
  }, [open, returnFocusTo]);

  // Unmounted while open (its action rendered the form anew with a new key): the focus goes back too.
  useEffect(() => {
    const dialog = ref.current;
    const last = opener;
    return () => {
      if (dialog?.open) returnFocus(last.current);
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      // As high as the screen at most (1280×720, 200 % zoom): the title and the buttons stay in
      // view, the content scrolls between them; a long name breaks instead of widening the window.
      className={`m-auto max-h-[calc(100dvh-2rem)] flex-col rounded-lg border border-slate-300 p-0 shadow-xl open:flex ${
        wide ? "w-[min(48rem,calc(100vw-2rem))]" : "w-[min(32rem,calc(100vw-2rem))]"
      }`}
    >
      <div className="shrink-0 bg-brand px-4 py-2">
        <h2 id={titleId} className="text-sm font-semibold text-white">
          {title}
        </h2>
      </div>
      <div id={bodyId} className="min-h-0 flex-1 overflow-y-auto px-5 py-4 text-sm [overflow-wrap:anywhere]">
        {open && children}
      </div>
      <div className="flex shrink-0 flex-wrap justify-end gap-2 border-t border-slate-200 px-5 py-3">{actions}</div>
    </dialog>
  );
}
