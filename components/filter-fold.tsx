import type { ReactNode } from "react";

/**
 * A list's filters, folded behind their summary on a phone so that the records
 * come first, and open from a tablet's width up (app/globals.css, .filter-fold).
 * A <details> element opens without JavaScript.
 */
export function FilterFold({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="filter-fold">
      <summary className="mt-4 inline-block cursor-pointer rounded border border-slate-400 bg-white px-3 py-1.5 text-sm">{summary}</summary>
      {children}
    </details>
  );
}
