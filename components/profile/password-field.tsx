"use client";

import { describedBy, FieldFrame } from "@/components/form-fields";
import type { FieldIssue } from "@/server/errors";

// A password (or code) field: never refilled after a refusal, and announced
// to password managers by its autocomplete purpose.
export function SecretField({
  name,
  label,
  hint,
  issues,
  autoComplete,
  inputMode,
}: {
  name: string;
  label: string;
  hint?: string;
  issues?: FieldIssue[];
  autoComplete: "current-password" | "new-password" | "one-time-code";
  inputMode?: "numeric" | "text";
}) {
  return (
    <FieldFrame name={name} label={label} hint={hint} issues={issues} required>
      <input
        id={name}
        name={name}
        type={autoComplete === "one-time-code" ? "text" : "password"}
        autoComplete={autoComplete}
        inputMode={inputMode}
        required
        aria-invalid={issues?.length ? true : undefined}
        aria-describedby={describedBy(name, issues, hint)}
        className="mt-1 block w-full max-w-md rounded border border-slate-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-700"
      />
    </FieldFrame>
  );
}
