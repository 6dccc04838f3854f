"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/components/link";
import { SelectField, TextArea, TextField } from "@/components/form-fields";
import { SubmitButton } from "@/components/form-feedback";
import { issuesOf, textValue } from "@/components/form-state";
import type { FormState } from "@/server/forms";
import type { PlanFormOptions } from "@/server/plan-admin";

// The parts the plan's forms share: the commitment's and the milestone's
// fields of the same names, checked by the same rules (server/commitments.ts,
// server/milestones.ts), and the end of every plan form.

/** The title and description of a plan record. */
export function TitleAndDescription({ state, stored }: { state: FormState; stored?: { title: string; titleEs: string | null; description: string; descriptionEs: string | null } }) {
  const t = useTranslations("planAdmin");
  return (
    <>
      <TextField name="title" label={t("fields.title")} required maxLength={300} defaultValue={textValue(state, "title", stored?.title)} issues={issuesOf(state, "title")} />
      <TextField
        name="titleEs"
        label={t("fields.titleEs")}
        hint={t("fields.spanishHint")}
        maxLength={300}
        defaultValue={textValue(state, "titleEs", stored?.titleEs ?? undefined)}
        issues={issuesOf(state, "titleEs")}
      />
      <TextArea
        name="description"
        label={t("fields.description")}
        maxLength={5000}
        defaultValue={textValue(state, "description", stored?.description)}
        issues={issuesOf(state, "description")}
      />
      <TextArea
        name="descriptionEs"
        label={t("fields.descriptionEs")}
        maxLength={5000}
        defaultValue={textValue(state, "descriptionEs", stored?.descriptionEs ?? undefined)}
        issues={issuesOf(state, "descriptionEs")}
      />
    </>
  );
}

/** The person who answers for a plan record, if anyone. */
export function OwnerField({ state, owners, stored }: { state: FormState; owners: PlanFormOptions["owners"]; stored?: string | null }) {
  const t = useTranslations("planAdmin");
  return (
    <SelectField
      name="ownerId"
      label={t("fields.owner")}
      placeholder={t("fields.noOwner")}
      options={owners.map((owner) => ({ value: owner.id, label: t("ownerOption", { name: owner.name, email: owner.email }) }))}
      defaultValue={textValue(state, "ownerId", stored ?? "")}
      issues={issuesOf(state, "ownerId")}
    />
  );
}

/** The form's button, labelled to save an edit or to create, and the way back to the plan. */
export function PlanFormEnd({ pending, editing, createLabel }: { pending: boolean; editing: boolean; createLabel: string }) {
  const t = useTranslations("planAdmin");
  return (
    <div className="flex flex-wrap items-center gap-4">
      <SubmitButton pending={pending} label={editing ? t("save") : createLabel} pendingLabel={t("saving")} />
      <Link href="/admin/plan" className="text-brand-700 underline-offset-2 hover:underline">
        {t("backToPlan")}
      </Link>
    </div>
  );
}
