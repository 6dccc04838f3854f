"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormFeedback, SavedNotice, SubmitButton } from "@/components/form-feedback";
import { idleForm, issuesOf, type FormAction } from "@/components/form-state";
import { SecretField } from "./password-field";

// The TOTP second factor on the profile: start the setup, confirm it with a
// first code (which answers the recovery codes, shown this once), remove it.

export function StartSecondFactorForm({ action }: { action: FormAction }) {
  const t = useTranslations("profile.secondFactor");
  const [state, formAction, pending] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="mt-4 space-y-3">
      <FormFeedback state={state} />
      <SubmitButton pending={pending} label={t("start")} pendingLabel={t("starting")} />
    </form>
  );
}

export function ConfirmSecondFactorForm({ action, continueTo }: { action: FormAction; continueTo: string }) {
  const t = useTranslations("profile.secondFactor");
  const [state, formAction, pending] = useActionState(action, idleForm);
  if (state.status === "saved" && Array.isArray(state.result)) {
    return (
      <div className="mt-4 space-y-3">
        <SavedNotice message={t("enabled")} />
        <h3 className="font-semibold">{t("recoveryCodesTitle")}</h3>
        <p className="max-w-2xl text-sm">{t("recoveryCodesIntro")}</p>
        <ul aria-label={t("recoveryCodesTitle")} className="grid max-w-md grid-cols-2 gap-2 font-mono">
          {(state.result as string[]).map((code) => (
            <li key={code} className="rounded border border-slate-300 bg-white px-2 py-1">
              {code}
            </li>
          ))}
        </ul>
        {/* A full load, so that every page reads the account as it now is. */}
        <a href={continueTo} className="inline-block rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("continue")}
        </a>
      </div>
    );
  }
  return (
    <form action={formAction} className="mt-4 space-y-3">
      <FormFeedback state={state} />
      <SecretField name="code" label={t("code")} hint={t("codeHint")} autoComplete="one-time-code" inputMode="numeric" issues={issuesOf(state, "code")} />
      <SubmitButton pending={pending} label={t("confirm")} pendingLabel={t("confirming")} />
    </form>
  );
}

export function RemoveSecondFactorForm({ action }: { action: FormAction }) {
  const t = useTranslations("profile.secondFactor");
  const [state, formAction, pending] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="mt-4 space-y-3">
      <FormFeedback state={state} />
      <SecretField name="proof" label={t("proof")} hint={t("proofHint")} autoComplete="current-password" issues={issuesOf(state, "proof")} />
      <SubmitButton pending={pending} label={t("remove")} pendingLabel={t("removing")} />
    </form>
  );
}
