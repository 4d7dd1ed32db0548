"use client";

import { useEffect } from "react";
import { usePathname, useSearchParams } from "next/navigation";

const CONTROL = 'input:not([type="hidden"]), select, textarea, button, a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Moves the focus to the element of id `id`, or to the first control inside it: where a link of
 * the guide's paths leads, a keyboard user is on the control, not at the top of the page.
 * Returns whether it was found.
 */
export function focusTarget(id: string): boolean {
  const target = document.getElementById(id);
  if (!target) return false;
  const control = target.matches(CONTROL) ? target : target.querySelector<HTMLElement>(CONTROL);
  const element = control ?? target;
  if (!control) element.setAttribute("tabindex", "-1");
  element.scrollIntoView({ block: "center" });
  element.focus({ preventScroll: true });
  return true;
}

/** The address whose target had the focus last: a re-render of the same page does not take it again. */
let handled = "";

/** Says that the focus was given for the current address (by whoever navigated there). */
export function markFocusHandled() {
  handled = window.location.href;
}

/** After each navigation to an address with `#target`, the focus goes to that control once it is shown. */
export function HashFocus() {
  const pathname = usePathname();
  const search = useSearchParams();
  // biome-ignore lint/correctness/useExhaustiveDependencies: each navigation (path or query) looks for its #target again
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (handled === window.location.href) return;
    handled = window.location.href;
    if (!id) return;
    let tries = 0;
    const timer = setInterval(() => {
      if (focusTarget(id) || ++tries > 100) clearInterval(timer);
    }, 50);
    return () => clearInterval(timer);
  }, [pathname, search]);
  return null;
}
