"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextArea } from "@/components/form-fields";
import { FormFeedback, SubmitButton } from "@/components/form-feedback";
import { idleForm, unsavedGuard, issuesOf, textValue, type FormAction } from "@/components/form-state";

/** Retracts a piece of evidence with a reason; once saved, the page shows the retraction in place of this form. */
export function RetractForm({ action: retract }: { action: FormAction }) {
  const t = useTranslations("evidenceLog");
  const [state, action, pending] = useActionState(retract, idleForm);
  return (
    <form action={action} noValidate aria-labelledby="retract-heading" className="mt-8 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" {...unsavedGuard(state)}>
      <h2 id="retract-heading" className="text-xl font-semibold">
        {t("retractHeading")}
      </h2>
      <p className="text-sm text-slate-700">{t("retractIntro")}</p>
      <FormFeedback state={state} />
      <TextArea name="reason" label={t("reason")} required maxLength={2000} defaultValue={textValue(state, "reason")} issues={issuesOf(state, "reason")} />
      <SubmitButton pending={pending} label={t("retract")} pendingLabel={t("retracting")} />
    </form>
  );
}
