"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { openRoundAction } from "@/app/actions/rounds";
import { FormFeedback, SubmitButton } from "@/components/form-feedback";
import { TextField } from "@/components/form-fields";
import { idleForm, unsavedGuard, issuesOf, textValue } from "@/components/form-state";

// The example title names the month of a round of the demo plan (April 2011), in the reader's language.
const exampleRoundMonth = Date.UTC(2011, 3, 1);

export function OpenRoundForm() {
  const t = useTranslations("rounds");
  const [state, action, pending] = useActionState(openRoundAction, idleForm);
  return (
    <form action={action} noValidate aria-labelledby="open-round-heading" className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" {...unsavedGuard(state)}>
      <h2 id="open-round-heading" className="text-xl font-semibold">
        {t("openHeading")}
      </h2>
      <FormFeedback state={state} />
      <TextField name="title" label={t("roundTitle")} hint={t("roundTitleHint", { month: exampleRoundMonth })} required maxLength={200} defaultValue={textValue(state, "title")} issues={issuesOf(state, "title")} />
      <TextField name="titleEs" label={t("roundTitleEs")} hint={t("roundTitleEsHint")} maxLength={200} defaultValue={textValue(state, "titleEs")} issues={issuesOf(state, "titleEs")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="periodStart" type="date" label={t("periodStart")} required defaultValue={textValue(state, "periodStart")} issues={issuesOf(state, "periodStart")} />
        <TextField name="periodEnd" type="date" label={t("periodEnd")} required defaultValue={textValue(state, "periodEnd")} issues={issuesOf(state, "periodEnd")} />
      </div>
      <SubmitButton pending={pending} label={t("openSubmit")} pendingLabel={t("opening")} />
    </form>
  );
}
