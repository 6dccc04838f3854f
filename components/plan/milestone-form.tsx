"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SelectField, TextField } from "@/components/form-fields";
import type { PlanFormOptions } from "@/server/plan-admin";
import { FormFeedback } from "@/components/form-feedback";
import { idleForm, unsavedGuard, issuesOf, textValue, type FormAction } from "@/components/form-state";
import { OwnerField, PlanFormEnd, TitleAndDescription } from "@/components/plan/plan-form-parts";

export interface StoredMilestone {
  commitmentId: string;
  title: string;
  titleEs: string | null;
  description: string;
  descriptionEs: string | null;
  dueDate: string;
  ownerId: string | null;
  version: number;
}

/** Creates a milestone (of `commitmentId` when given), or edits one when `milestone` is given. Its status is not edited here. */
export function MilestoneForm({
  action,
  options,
  milestone,
  commitmentId,
}: {
  action: FormAction;
  options: Pick<PlanFormOptions, "commitments" | "owners">;
  milestone?: StoredMilestone;
  commitmentId?: string;
}) {
  const t = useTranslations("planAdmin");
  const [state, formAction, pending] = useActionState(action, idleForm);
  const commitmentValue = textValue(state, "commitmentId", milestone?.commitmentId ?? commitmentId);
  return (
    <form action={formAction} className="mt-6 max-w-3xl space-y-4" {...unsavedGuard(state)}>
      <FormFeedback state={state} />
      {milestone && <input type="hidden" name="version" value={milestone.version} />}
      <SelectField
        name="commitmentId"
        label={t("fields.commitment")}
        required
        placeholder={t("fields.chooseCommitment")}
        options={options.commitments.map((commitment) => ({
          value: commitment.id,
          label: t("commitmentOption", { pillar: commitment.pillar.code, title: commitment.title }),
        }))}
        defaultValue={commitmentValue}
        issues={issuesOf(state, "commitmentId")}
      />
      <TitleAndDescription state={state} stored={milestone} />
      <TextField
        name="dueDate"
        type="date"
        label={t("fields.dueDate")}
        required
        defaultValue={textValue(state, "dueDate", milestone?.dueDate)}
        issues={issuesOf(state, "dueDate")}
      />
      <OwnerField state={state} owners={options.owners} stored={milestone?.ownerId} />
      <p className="text-sm text-slate-700">{t("statusNote")}</p>
      <PlanFormEnd pending={pending} editing={milestone !== undefined} createLabel={t("createMilestone")} />
    </form>
  );
}
