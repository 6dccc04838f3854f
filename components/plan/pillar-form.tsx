"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextArea, TextField } from "@/components/form-fields";
import { FormFeedback } from "@/components/form-feedback";
import { idleForm, unsavedGuard, issuesOf, textValue, type FormAction } from "@/components/form-state";
import { PlanFormEnd } from "@/components/plan/plan-form-parts";

interface StoredPillar {
  number: number;
  code: string;
  name: string;
  nameEs: string | null;
  description: string;
  descriptionEs: string | null;
  version: number;
}

/** Creates a pillar, or edits one when `pillar` is given. */
export function PillarForm({ action, pillar }: { action: FormAction; pillar?: StoredPillar }) {
  const t = useTranslations("planAdmin");
  const [state, formAction, pending] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="mt-6 max-w-2xl space-y-4" {...unsavedGuard(state)}>
      <FormFeedback state={state} />
      {pillar && <input type="hidden" name="version" value={pillar.version} />}
      <TextField
        name="number"
        type="number"
        label={t("fields.number")}
        hint={t("fields.numberHint")}
        required
        defaultValue={textValue(state, "number", pillar ? String(pillar.number) : "")}
        issues={issuesOf(state, "number")}
      />
      <TextField
        name="code"
        label={t("fields.code")}
        hint={t("fields.codeHint")}
        required
        maxLength={8}
        defaultValue={textValue(state, "code", pillar?.code)}
        issues={issuesOf(state, "code")}
      />
      <TextField name="name" label={t("fields.name")} required maxLength={200} defaultValue={textValue(state, "name", pillar?.name)} issues={issuesOf(state, "name")} />
      <TextField
        name="nameEs"
        label={t("fields.nameEs")}
        hint={t("fields.spanishHint")}
        maxLength={200}
        defaultValue={textValue(state, "nameEs", pillar?.nameEs ?? undefined)}
        issues={issuesOf(state, "nameEs")}
      />
      <TextArea
        name="description"
        label={t("fields.description")}
        maxLength={2000}
        defaultValue={textValue(state, "description", pillar?.description)}
        issues={issuesOf(state, "description")}
      />
      <TextArea
        name="descriptionEs"
        label={t("fields.descriptionEs")}
        maxLength={2000}
        defaultValue={textValue(state, "descriptionEs", pillar?.descriptionEs ?? undefined)}
        issues={issuesOf(state, "descriptionEs")}
      />
      <PlanFormEnd pending={pending} editing={pillar !== undefined} createLabel={t("createPillar")} />
    </form>
  );
}
