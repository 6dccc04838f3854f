"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormFeedback, SubmitButton } from "@/components/form-feedback";
import { idleForm, type FormAction } from "@/components/form-state";

export function CloseRoundForm({ action: close }: { action: FormAction }) {
  const t = useTranslations("rounds");
  const [state, action, pending] = useActionState(close, idleForm);
  return (
    <form action={action} aria-labelledby="close-round-heading" className="mt-6 max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="close-round-heading" className="text-lg font-semibold">
        {t("closeHeading")}
      </h2>
      <p className="text-sm text-slate-700">{t("closeHint")}</p>
      <FormFeedback state={state} />
      <SubmitButton pending={pending} label={t("closeSubmit")} pendingLabel={t("closing")} />
    </form>
  );
}
