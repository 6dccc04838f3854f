"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormFeedback, SubmitButton } from "@/components/form-feedback";
import { TextArea } from "@/components/form-fields";
import { idleForm, issuesOf, textValue, type FormAction } from "@/components/form-state";

/**
 * One step of an assessment's life after its draft (publish, return,
 * amend): a heading, what the step means, the version it starts from and its
 * button.
 */
export function StepForm(props: {
  id: string;
  action: FormAction;
  version?: number;
  heading: string;
  hint?: string;
  label: string;
  pendingLabel: string;
  withComment?: boolean;
}) {
  const t = useTranslations("assessment");
  const [state, action, pending] = useActionState(props.action, idleForm);
  return (
    <form action={action} noValidate aria-labelledby={`${props.id}-heading`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={`${props.id}-heading`} className="text-lg font-semibold">
        {props.heading}
      </h2>
      {props.hint && <p className="text-sm text-slate-700">{props.hint}</p>}
      <FormFeedback state={state} />
      {props.version !== undefined && <input type="hidden" name="version" value={props.version} />}
      {props.withComment && (
        <TextArea
          name="comment"
          label={t("returnLabel")}
          hint={t("returnHint")}
          required
          maxLength={5000}
          defaultValue={textValue(state, "comment")}
          issues={issuesOf(state, "comment")}
        />
      )}
      <SubmitButton pending={pending} label={props.label} pendingLabel={props.pendingLabel} />
    </form>
  );
}
