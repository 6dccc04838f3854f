"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { closeRoundAction } from "@/app/actions/rounds";
import { FormFeedback, SubmitButton } from "@/components/form-feedback";
import { idleForm } from "@/components/form-state";

export function CloseRoundForm({ roundId }: { roundId: string }) {
  const t = useTranslations("rounds");
  const [state, action, pending] = useActionState(closeRoundAction.bind(null, roundId), idleForm);
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
