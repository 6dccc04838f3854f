"use client";

import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { FormProblem } from "@/components/form-fields";
import type { FormState } from "@/server/forms";

/** A refusal that is not about one field, announced as an alert above the form. */
export function FormFeedback({ state }: { state: FormState }) {
  const errors = useTranslations("errors");
  const pathname = usePathname();
  if (state.status === "invalid") return <FormProblem message="validation" />;
  if (state.status === "failed") return <FormProblem message={state.message} />;
  if (state.status !== "conflict") return null;
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
      <p>{errors.has(`conflict.${state.reason}` as "conflict.stale") ? errors(`conflict.${state.reason}` as "conflict.stale") : errors("conflict.stale")}</p>
      {/* A full load, so that the form starts again from the stored record and its new version. */}
      <a href={pathname} className="font-medium underline">
        {errors("reload")}
      </a>
    </div>
  );
}

export function SubmitButton({
  pending,
  label,
  pendingLabel,
  name,
  value,
  onClick,
  describedBy,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  name?: string;
  value?: string;
  onClick?: () => void;
  describedBy?: string;
}) {
  return (
    <button
      type="submit"
      name={name}
      value={value}
      onClick={onClick}
      aria-describedby={describedBy}
      disabled={pending}
      className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
    >
      {pending ? pendingLabel : label}
    </button>
  );
}

/** Announces that the form's write went through. */
export function SavedNotice({ message }: { message: string }) {
  return (
    <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      {message}
    </p>
  );
}
