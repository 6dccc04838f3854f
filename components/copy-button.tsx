"use client";

import { useState, useSyncExternalStore } from "react";

const noChange = () => () => {};

/**
 * Copies the text of the field `target` to the clipboard and says so. It
 * appears only where scripts run: the server renders nothing, and without
 * scripts the field itself, read-only and selectable, is how to copy.
 */
export function CopyButton({ target, label, copied, failed }: { target: string; label: string; copied: string; failed: string }) {
  const scripted = useSyncExternalStore(noChange, () => true, () => false);
  const [said, setSaid] = useState("");
  if (!scripted) return null;
  async function copy() {
    const field = document.getElementById(target) as HTMLTextAreaElement;
    try {
      await navigator.clipboard.writeText(field.value);
      setSaid(copied);
    } catch {
      // A browser that refuses the clipboard (no permission, not a secure page) still lets the reader copy the selection.
      field.select();
      setSaid(failed);
    }
  }
  return (
    <div className="mt-2 flex flex-wrap items-center gap-3">
      <button type="button" onClick={() => void copy()} className="rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
        {label}
      </button>
      <p role="status" className="text-sm">
        {said}
      </p>
    </div>
  );
}
