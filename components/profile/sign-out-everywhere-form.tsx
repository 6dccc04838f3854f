"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormFeedback, SubmitButton } from "@/components/form-feedback";
import { idleForm, type FormAction } from "@/components/form-state";

export function SignOutEverywhereForm({ action }: { action: FormAction }) {
  const t = useTranslations("profile.sessions");
  const [state, formAction, pending] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="mt-4 space-y-3">
      <FormFeedback state={state} />
      <SubmitButton pending={pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
