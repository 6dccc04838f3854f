"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormFeedback } from "@/components/form-feedback";
import { idleForm, type FormAction } from "@/components/form-state";

/**
 * Archives or restores a commitment or milestone (the bound action decides
 * which). `title` names the record for screen readers where many such buttons
 * share a page.
 */
export function ArchiveForm({
  action,
  version,
  archived,
  kind,
  title,
}: {
  action: FormAction;
  version: number;
  archived: boolean;
  kind: "commitment" | "milestone";
  title?: string;
}) {
  const t = useTranslations("planAdmin");
  const [state, formAction, pending] = useActionState(action, idleForm);
  const label = archived ? (kind === "commitment" ? "restoreCommitment" : "restoreMilestone") : kind === "commitment" ? "archiveCommitment" : "archiveMilestone";
  return (
    <form action={formAction} className="space-y-2">
      <FormFeedback state={state} />
      <input type="hidden" name="version" value={version} />
      <button
        type="submit"
        disabled={pending}
        className={
          archived
            ? "rounded border border-brand-700 bg-white px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-70"
            : "rounded border border-red-800 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-70"
        }
      >
        {t(label)}
        {title && <span className="sr-only"> {t("recordName", { title })}</span>}
      </button>
      {/* Always present, so that the outcome is announced when it appears. */}
      <p role="status" className="text-sm">
        {state.status === "saved" ? (archived ? t("archivedNow") : t("restoredNow")) : null}
      </p>
    </form>
  );
}
