"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState } from "react";
import { SelectField, TextArea, TextField } from "@/components/form-fields";
import type { PlanFormOptions } from "@/server/plan-admin";
import { FormFeedback, SubmitButton } from "@/components/form-feedback";
import { idleForm, issuesOf, textValue, type FormAction } from "@/components/form-state";

export interface StoredMilestone {
  commitmentId: string;
  title: string;
  description: string;
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
  const ownerValue = textValue(state, "ownerId", milestone?.ownerId ?? "");
  return (
    <form action={formAction} className="mt-6 max-w-3xl space-y-4">
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
      <TextField name="title" label={t("fields.title")} required maxLength={300} defaultValue={textValue(state, "title", milestone?.title)} issues={issuesOf(state, "title")} />
      <TextArea
        name="description"
        label={t("fields.description")}
        maxLength={5000}
        defaultValue={textValue(state, "description", milestone?.description)}
        issues={issuesOf(state, "description")}
      />
      <TextField
        name="dueDate"
        type="date"
        label={t("fields.dueDate")}
        required
        defaultValue={textValue(state, "dueDate", milestone?.dueDate)}
        issues={issuesOf(state, "dueDate")}
      />
      <SelectField
        name="ownerId"
        label={t("fields.owner")}
        placeholder={t("fields.noOwner")}
        options={options.owners.map((owner) => ({ value: owner.id, label: t("ownerOption", { name: owner.name, email: owner.email }) }))}
        defaultValue={ownerValue}
        issues={issuesOf(state, "ownerId")}
      />
      <p className="text-sm text-slate-700">{t("statusNote")}</p>
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pending={pending} label={milestone ? t("save") : t("createMilestone")} pendingLabel={t("saving")} />
        <Link href="/admin/plan" className="text-brand-700 underline-offset-2 hover:underline">
          {t("backToPlan")}
        </Link>
      </div>
    </form>
  );
}
