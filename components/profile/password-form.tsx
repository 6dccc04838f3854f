"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormFeedback, SubmitButton } from "@/components/form-feedback";
import { idleForm, issuesOf, type FormAction } from "@/components/form-state";
import { passwordLength } from "@/domain/limits";
import { SecretField } from "./password-field";

/** Changes the person's own password; the current one is required. */
export function PasswordForm({ action }: { action: FormAction }) {
  const t = useTranslations("profile.password");
  const [state, formAction, pending] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="mt-4 space-y-4">
      <FormFeedback state={state} />
      <SecretField name="currentPassword" label={t("current")} autoComplete="current-password" issues={issuesOf(state, "currentPassword")} />
      <SecretField name="newPassword" label={t("new")} hint={t("newHint", passwordLength)} autoComplete="new-password" issues={issuesOf(state, "newPassword")} />
      <SecretField name="confirmPassword" label={t("confirm")} autoComplete="new-password" issues={issuesOf(state, "confirmPassword")} />
      <SubmitButton pending={pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
