"use client";

import { FieldErrorText, type FieldIssue } from "@/components/form-fields";

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
  const describedBy = [hint ? `${name}-hint` : null, issues?.length ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
        <span aria-hidden="true"> *</span>
      </label>
      {hint && (
        <p id={`${name}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <input
        id={name}
        name={name}
        type={autoComplete === "one-time-code" ? "text" : "password"}
        autoComplete={autoComplete}
        inputMode={inputMode}
        required
        aria-invalid={issues?.length ? true : undefined}
        aria-describedby={describedBy}
        className="mt-1 block w-full max-w-md rounded border border-slate-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-700"
      />
      <FieldErrorText id={`${name}-error`} issues={issues} />
    </div>
  );
}
