"use client";

import { Link } from "@/components/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { logEvidenceAction } from "@/app/actions/evidence";
import { FieldErrorText, SelectField, TextArea, TextField } from "@/components/form-fields";
import { FormFeedback, SubmitButton } from "@/components/form-feedback";
import { idleForm, unsavedGuard, issuesOf, textValue } from "@/components/form-state";
import { EvidenceKind, EvidenceShows, Reliability } from "@/server/db/generated/enums";
import { usePlanTextString } from "@/components/plan-text";

interface Props {
  commitment: { id: string; title: string; titleEs: string | null; pillar: { number: number } };
  milestones: { id: string; title: string; titleEs: string | null }[];
  /** Staff log on one of their milestones; reviewers may log on the commitment as a whole. */
  milestoneRequired: boolean;
  milestoneId?: string;
}

/** The second step of logging evidence: the commitment is chosen, the rest is typed here. */
export function EvidenceForm({ commitment, milestones, milestoneRequired, milestoneId }: Props) {
  const t = useTranslations();
  const planText = usePlanTextString();
  const [state, action, pending] = useActionState(logEvidenceAction, idleForm);
  const text = (name: string, stored?: string) => textValue(state, name, stored);
  const choose = t("evidenceLog.choose");
  return (
    <form action={action} noValidate className="mt-6 max-w-3xl space-y-4" {...unsavedGuard(state)}>
      <FormFeedback state={state} />
      <input type="hidden" name="commitmentId" value={commitment.id} />
      <div>
        <p className="text-sm font-medium">{t("evidenceLog.commitment")}</p>
        <p className="mt-1">
          {t("evidenceLog.onCommitment", { number: commitment.pillar.number, title: planText(commitment.title, commitment.titleEs) })}
          <Link href="/evidence/new" className="ml-3 text-sm text-brand-700 underline-offset-2 hover:underline">
            {t("evidenceLog.changeCommitment")}
          </Link>
        </p>
        <FieldErrorText id="commitmentId-error" issues={issuesOf(state, "commitmentId")} />
      </div>
      <SelectField
        name="milestoneId"
        label={t("evidenceLog.milestone")}
        hint={milestoneRequired ? t("evidenceLog.milestoneStaffHint") : t("evidenceLog.milestoneHint")}
        required={milestoneRequired}
        placeholder={milestoneRequired ? undefined : t("evidenceLog.wholeCommitment")}
        options={milestones.map((milestone) => ({ value: milestone.id, label: planText(milestone.title, milestone.titleEs) }))}
        defaultValue={text("milestoneId", milestoneId)}
        issues={issuesOf(state, "milestoneId")}
      />
      <TextField name="title" label={t("evidenceLog.evidenceTitle")} required maxLength={300} defaultValue={text("title")} issues={issuesOf(state, "title")} />
      <SelectField
        name="kind"
        label={t("evidenceLog.kind")}
        required
        placeholder={choose}
        options={Object.values(EvidenceKind).map((kind) => ({ value: kind, label: t(`evidenceKind.${kind}`) }))}
        defaultValue={text("kind")}
        issues={issuesOf(state, "kind")}
      />
      <TextField name="publisher" label={t("evidenceLog.publisher")} required maxLength={300} defaultValue={text("publisher")} issues={issuesOf(state, "publisher")} />
      <TextField
        name="url"
        type="url"
        label={t("evidenceLog.url")}
        hint={t("evidenceLog.urlHint")}
        maxLength={2000}
        defaultValue={text("url")}
        issues={issuesOf(state, "url")}
      />
      <TextField
        name="publishedOn"
        type="date"
        label={t("evidenceLog.publishedOn")}
        hint={t("evidenceLog.publishedOnHint")}
        defaultValue={text("publishedOn")}
        issues={issuesOf(state, "publishedOn")}
      />
      <TextArea name="summary" label={t("evidenceLog.summary")} required rows={6} maxLength={5000} defaultValue={text("summary")} issues={issuesOf(state, "summary")} />
      <SelectField
        name="shows"
        label={t("evidenceLog.shows")}
        required
        placeholder={choose}
        options={Object.values(EvidenceShows).map((shows) => ({ value: shows, label: t(`evidenceShows.${shows}`) }))}
        defaultValue={text("shows")}
        issues={issuesOf(state, "shows")}
      />
      <SelectField
        name="reliability"
        label={t("evidenceLog.reliability")}
        required
        placeholder={choose}
        options={Object.values(Reliability).map((reliability) => ({ value: reliability, label: t(`reliability.${reliability}`) }))}
        defaultValue={text("reliability")}
        issues={issuesOf(state, "reliability")}
      />
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pending={pending} label={t("evidenceLog.submit")} pendingLabel={t("evidenceLog.submitting")} />
        <Link href="/evidence" className="text-brand-700 underline-offset-2 hover:underline">
          {t("evidenceLog.cancel")}
        </Link>
      </div>
    </form>
  );
}
