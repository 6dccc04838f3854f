"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FieldErrorText, SelectField, TextArea, TextField } from "@/components/form-fields";
import type { PlanFormOptions } from "@/server/plan-admin";
import { FormFeedback } from "@/components/form-feedback";
import { idleForm, unsavedGuard, issuesOf, listValue, textValue, type FormAction } from "@/components/form-state";
import { OwnerField, PlanFormEnd, TitleAndDescription } from "@/components/plan/plan-form-parts";

const leadParties = ["us", "mx", "joint"] as const;

export interface StoredCommitment {
  pillarId: string;
  title: string;
  titleEs: string | null;
  description: string;
  descriptionEs: string | null;
  leadParty: (typeof leadParties)[number];
  agencyIds: string[];
  startDate: string | null;
  targetDate: string | null;
  sourceCitation: string;
  ownerId: string | null;
  version: number;
}

/** Creates a commitment (in `pillarId` when given), or edits one when `commitment` is given. */
export function CommitmentForm({
  action,
  options,
  commitment,
  pillarId,
}: {
  action: FormAction;
  options: Pick<PlanFormOptions, "pillars" | "agencies" | "owners">;
  commitment?: StoredCommitment;
  pillarId?: string;
}) {
  const t = useTranslations("planAdmin");
  const parties = useTranslations("leadParty");
  const [state, formAction, pending] = useActionState(action, idleForm);
  const leadParty = textValue(state, "leadParty", commitment?.leadParty);
  const agencyIds = listValue(state, "agencyIds", commitment?.agencyIds ?? []);
  const pillarValue = textValue(state, "pillarId", commitment?.pillarId ?? pillarId);
  const leadPartyIssues = issuesOf(state, "leadParty");
  const agencyIssues = issuesOf(state, "agencyIds");
  return (
    <form action={formAction} className="mt-6 max-w-3xl space-y-4" {...unsavedGuard(state)}>
      <FormFeedback state={state} />
      {commitment && <input type="hidden" name="version" value={commitment.version} />}
      <SelectField
        name="pillarId"
        label={t("fields.pillar")}
        required
        placeholder={t("fields.choosePillar")}
        options={options.pillars.map((pillar) => ({ value: pillar.id, label: t("pillarOption", { number: pillar.number, name: pillar.name }) }))}
        defaultValue={pillarValue}
        issues={issuesOf(state, "pillarId")}
      />
      <TitleAndDescription state={state} stored={commitment} />
      <fieldset aria-describedby={leadPartyIssues ? "leadParty-error" : undefined}>
        <legend className="text-sm font-medium">
          {t("fields.leadParty")}
          <span aria-hidden="true"> *</span>
        </legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {leadParties.map((party) => (
            <label key={party} className="flex items-center gap-2 text-sm">
              {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props -- ARIA 1.2 puts aria-invalid on a radiogroup, which this fieldset is not; screen readers still announce it on each radio, as on every other field */}
              <input type="radio" name="leadParty" value={party} required defaultChecked={leadParty === party} aria-invalid={leadPartyIssues ? true : undefined} />
              {parties(party)}
            </label>
          ))}
        </div>
        <FieldErrorText id="leadParty-error" issues={leadPartyIssues} />
      </fieldset>
      <fieldset aria-describedby={agencyIssues ? "agencyIds-error" : undefined}>
        <legend className="text-sm font-medium">{t("fields.agencies")}</legend>
        <div className="mt-1 grid gap-x-6 gap-y-1 sm:grid-cols-2">
          {options.agencies.map((agency) => (
            <label key={agency.id} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="agencyIds" value={agency.id} defaultChecked={agencyIds.includes(agency.id)} className="mt-1" />
              <span>{t("agencyOption", { code: agency.code, name: agency.name })}</span>
            </label>
          ))}
        </div>
        <FieldErrorText id="agencyIds-error" issues={agencyIssues} />
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="startDate"
          type="date"
          label={t("fields.startDate")}
          defaultValue={textValue(state, "startDate", commitment?.startDate ?? "")}
          issues={issuesOf(state, "startDate")}
        />
        <TextField
          name="targetDate"
          type="date"
          label={t("fields.targetDate")}
          defaultValue={textValue(state, "targetDate", commitment?.targetDate ?? "")}
          issues={issuesOf(state, "targetDate")}
        />
      </div>
      <TextArea
        name="sourceCitation"
        label={t("fields.sourceCitation")}
        rows={2}
        maxLength={1000}
        defaultValue={textValue(state, "sourceCitation", commitment?.sourceCitation)}
        issues={issuesOf(state, "sourceCitation")}
      />
      <OwnerField state={state} owners={options.owners} stored={commitment?.ownerId} />
      <PlanFormEnd pending={pending} editing={commitment !== undefined} createLabel={t("createCommitment")} />
    </form>
  );
}
