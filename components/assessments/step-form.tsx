"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormFeedback, SubmitButton } from "@/components/form-feedback";
import { FieldErrorText, TextArea } from "@/components/form-fields";
import { idleForm, issuesOf, textValue, type FormAction } from "@/components/form-state";

const fieldLabels = { advances: "fieldAdvances", results: "fieldResults", narrative: "fieldNarrative", evidenceIds: "fieldEvidence" } as const;

/**
 * One step of an assessment's life (submit, publish, return, amend): a
 * heading, what the step means, the version it starts from and its button.
 * A refused submission lists what is missing, field by field.
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
  const missing = state.status === "invalid" ? (Object.keys(fieldLabels) as (keyof typeof fieldLabels)[]).filter((field) => state.fieldErrors[field]) : [];
  return (
    <form action={action} noValidate aria-labelledby={`${props.id}-heading`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={`${props.id}-heading`} className="text-lg font-semibold">
        {props.heading}
      </h2>
      {props.hint && <p className="text-sm text-slate-700">{props.hint}</p>}
      <FormFeedback state={state} />
      {missing.length > 0 && (
        <div className="text-sm">
          <p className="font-medium">{t("submitProblems")}</p>
          <ul className="list-disc pl-5">
            {missing.map((field) => (
              <li key={field}>
                {t(fieldLabels[field])}: <FieldErrorText id={`${props.id}-${field}-error`} issues={issuesOf(state, field)} />
              </li>
            ))}
          </ul>
        </div>
      )}
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
