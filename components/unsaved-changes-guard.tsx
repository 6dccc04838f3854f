"use client";

import { useEffect } from "react";

// A form that writes a record carries `data-unsaved-guard` (see unsavedGuard
// in components/form-state.ts). Leaving the page while one of them shows
// something not yet saved asks first: a link inside the tracker (a client-side
// navigation, which fires no beforeunload) with the browser's confirm, a
// reload, a typed address or a closed tab with the browser's own question.

function optionChanged(select: HTMLSelectElement): boolean {
  return Array.from(select.options).some((option) => option.selected !== option.defaultSelected);
}

function controlChanged(element: Element): boolean {
  if (element instanceof HTMLInputElement) {
    if (element.type === "checkbox" || element.type === "radio") return element.checked !== element.defaultChecked;
    return element.type !== "hidden" && element.value !== element.defaultValue;
  }
  if (element instanceof HTMLTextAreaElement) return element.value !== element.defaultValue;
  if (element instanceof HTMLSelectElement) return optionChanged(element);
  return false;
}

/** Whether a guarded form on the page holds changes: edited since it was shown, or refused and so never saved. */
function unsavedChanges(): boolean {
  return Array.from(document.querySelectorAll<HTMLFormElement>("form[data-unsaved-guard]")).some(
    (form) => form.dataset.unsavedGuard === "refused" || Array.from(form.elements).some(controlChanged),
  );
}

/** A click that leaves this page for another one in the same tab. */
function leavingLink(event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(link instanceof HTMLAnchorElement) || (link.target !== "" && link.target !== "_self") || link.hasAttribute("download")) return false;
  const to = new URL(link.href, window.location.href);
  return !(to.origin === window.location.origin && to.pathname === window.location.pathname && to.search === window.location.search);
}

export function UnsavedChangesGuard({ question }: { question: string }) {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (!leavingLink(event) || !unsavedChanges() || window.confirm(question)) return;
      // Captured on the document, before React's root sees it: Next.js's Link never starts the navigation.
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (unsavedChanges()) event.preventDefault();
    };
    document.addEventListener("click", onClick, true);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      document.removeEventListener("click", onClick, true);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [question]);
  return null;
}
