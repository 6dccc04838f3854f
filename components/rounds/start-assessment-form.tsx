"use client";

import { Link } from "@/components/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { startAssessmentAction } from "@/app/actions/assessments";
import { FormFeedback, SubmitButton } from "@/components/form-feedback";
import { SelectField } from "@/components/form-fields";
import { idleForm, issuesOf, textValue } from "@/components/form-state";

interface Option {
  value: string;
  label: string;
}

/**
 * Starts a draft in a round: an independent assessment of a pillar (and
 * optionally one of its commitments), or, with `selfAssessment`, the
 * agency's self-assessment of one of its commitments.
 */
export function StartAssessmentForm(props: { roundId: string; selfAssessment: boolean; pillars: Option[]; commitments: Option[] }) {
  const t = useTranslations("rounds");
  const [state, action, pending] = useActionState(startAssessmentAction, idleForm);
  const headingId = props.selfAssessment ? "start-self-heading" : "start-heading";
  const existing = state.status === "conflict" ? (state.current as { id?: string } | undefined)?.id : undefined;
  return (
    <form action={action} noValidate aria-labelledby={headingId} className="mt-6 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={headingId} className="text-lg font-semibold">
        {props.selfAssessment ? t("selfHeading") : t("startHeading")}
      </h2>
      <p className="text-sm text-slate-700">{props.selfAssessment ? t("selfHint") : t("startHint")}</p>
      <FormFeedback state={state} />
      {existing && (
        <p>
          <Link href={`/assessments/${existing}`} className="font-medium text-brand-700 underline">
            {t("existingLink")}
          </Link>
        </p>
      )}
      <input type="hidden" name="roundId" value={props.roundId} />
      <input type="hidden" name="kind" value={props.selfAssessment ? "self_assessment" : "independent"} />
      {!props.selfAssessment && (
        <SelectField name="pillarId" label={t("pillar")} required defaultValue={textValue(state, "pillarId")} options={props.pillars} issues={issuesOf(state, "pillarId")} />
      )}
      <SelectField
        name="commitmentId"
        label={props.selfAssessment ? t("selfCommitment") : t("commitment")}
        required={props.selfAssessment}
        placeholder={props.selfAssessment ? undefined : t("wholePillar")}
        defaultValue={textValue(state, "commitmentId")}
        options={props.commitments}
        issues={issuesOf(state, "commitmentId")}
      />
      <SubmitButton pending={pending} label={props.selfAssessment ? t("selfSubmit") : t("startSubmit")} pendingLabel={t("starting")} />
    </form>
  );
}
