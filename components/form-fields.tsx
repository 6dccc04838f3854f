"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { FieldIssue } from "@/server/errors";

// Form controls that carry their label, their error and what the user typed.
// Errors come from the server as message keys (server/forms.ts) and are
// translated here.

export function FieldErrorText({ id, issues }: { id: string; issues?: FieldIssue[] }) {
  const t = useTranslations("validation");
  if (!issues || issues.length === 0) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-800">
      {issues.map((issue) => (t.has(issue.code as "invalid") ? t(issue.code as "invalid", issue.values) : t("invalid"))).join(" ")}
    </p>
  );
}

interface FieldProps {
  name: string;
  label: string;
  issues?: FieldIssue[];
  hint?: string;
  required?: boolean;
}

/** The ids that describe a control: its hint and its error, when shown. */
export function describedBy(name: string, issues?: FieldIssue[], hint?: string) {
  const ids = [hint ? `${name}-hint` : null, issues?.length ? `${name}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/** A control's label, hint and error around the control itself, for controls the fields here do not cover. */
export function FieldFrame({ name, label, issues, hint, required, children }: FieldProps & { children: ReactNode }) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {hint && (
        <p id={`${name}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {children}
      <FieldErrorText id={`${name}-error`} issues={issues} />
    </div>
  );
}

const control = "mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-700";

/** What a text control shares with every other: its name and id, what it starts with, its limits and its link to its hint and errors. */
function textControl({ name, issues, hint, required, defaultValue, maxLength }: FieldProps & { defaultValue?: string; maxLength?: number }) {
  return {
    id: name,
    name,
    defaultValue,
    maxLength,
    required,
    "aria-invalid": issues?.length ? true : undefined,
    "aria-describedby": describedBy(name, issues, hint),
    className: control,
  };
}

export function TextField(props: FieldProps & { defaultValue?: string; type?: "text" | "date" | "email" | "url" | "number" | "search"; maxLength?: number }) {
  return (
    <FieldFrame {...props}>
      <input type={props.type ?? "text"} {...textControl(props)} />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { defaultValue?: string; rows?: number; maxLength?: number }) {
  return (
    <FieldFrame {...props}>
      <textarea rows={props.rows ?? 4} {...textControl(props)} />
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldProps & { defaultValue?: string; options: { value: string; label: string }[]; placeholder?: string; onChange?: (value: string) => void },
) {
  const { name, issues, hint, required, defaultValue, options, placeholder, onChange } = props;
  return (
    <FieldFrame {...props}>
      <select
        // React 19 resets a form after its action; keyed on the value to show,
        // the select is rebuilt with it rather than falling back to its first option.
        key={defaultValue ?? ""}
        id={name}
        name={name}
        defaultValue={defaultValue ?? ""}
        required={required}
        onChange={onChange ? (event) => onChange(event.target.value) : undefined}
        aria-invalid={issues?.length ? true : undefined}
        aria-describedby={describedBy(name, issues, hint)}
        className={control}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A form-level message for a refusal that is not about one field. */
export function FormProblem({ message }: { message: "forbidden" | "notFound" | "unauthenticated" | "unavailable" | "internal" | "validation" }) {
  const t = useTranslations("errors");
  return (
    <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
      {t(message)}
    </p>
  );
}
