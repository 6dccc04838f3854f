"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormFeedback, SubmitButton, SavedNotice } from "@/components/form-feedback";
import { FieldErrorText, SelectField, TextArea } from "@/components/form-fields";
import { idleForm, issuesOf, listValue, textValue, type FormAction } from "@/components/form-state";

const advances = ["none", "limited", "steady", "substantial"] as const;
const results = ["worsened", "none_yet", "slow", "moderate", "significant", "cannot_assess"] as const;

export interface CitableEvidence {
  id: string;
  title: string;
  publisher: string;
  publishedOn: string | null;
  commitmentTitle: string;
}

interface Saved {
  version: number;
  advances: string | null;
  results: string | null;
  narrative: string;
  evidenceIds: string[];
}

/** The author's draft: both ratings, the narrative and the evidence it cites. */
export function AssessmentForm({ action: save, saved, citable }: { action: FormAction; saved: Saved; citable: CitableEvidence[] }) {
  const t = useTranslations("assessment");
  const scale = useTranslations();
  const format = useFormatter();
  const [state, action, pending] = useActionState(save, idleForm);
  const cited = new Set(listValue(state, "evidenceIds", saved.evidenceIds));
  const citationIssues = issuesOf(state, "evidenceIds");
  return (
    <form action={action} noValidate aria-labelledby="edit-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="edit-heading" className="text-xl font-semibold">
        {t("editHeading")}
      </h2>
      {state.status === "saved" && <SavedNotice message={t("saved")} />}
      <FormFeedback state={state} />
      <input type="hidden" name="version" value={saved.version} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="advances"
          label={t("advancesLabel")}
          placeholder={t("choose")}
          defaultValue={textValue(state, "advances", saved.advances ?? "")}
          options={advances.map((value) => ({ value, label: scale(`advances.${value}`) }))}
          issues={issuesOf(state, "advances")}
        />
        <SelectField
          name="results"
          label={t("resultsLabel")}
          placeholder={t("choose")}
          defaultValue={textValue(state, "results", saved.results ?? "")}
          options={results.map((value) => ({ value, label: scale(`results.${value}`) }))}
          issues={issuesOf(state, "results")}
        />
      </div>
      <TextArea
        name="narrative"
        label={t("narrativeLabel")}
        hint={t("narrativeHint")}
        rows={10}
        maxLength={20000}
        defaultValue={textValue(state, "narrative", saved.narrative)}
        issues={issuesOf(state, "narrative")}
      />
      <fieldset aria-describedby={`citations-hint${citationIssues ? " evidenceIds-error" : ""}`}>
        <legend className="text-sm font-medium">{t("citationsLegend")}</legend>
        <p id="citations-hint" className="text-xs text-slate-600">
          {t("citationsHint")}
        </p>
        {citable.length === 0 ? (
          <p className="mt-2 text-sm">{t("noCitable")}</p>
        ) : (
          <ul className="mt-2 max-h-96 space-y-2 overflow-y-auto rounded border border-slate-200 p-3">
            {citable.map((evidence) => (
              <li key={evidence.id} className="flex items-start gap-2 text-sm">
                <input
                  // Keyed on the ticked state so that a refused save shows the boxes as they were sent.
                  key={`${evidence.id}-${cited.has(evidence.id)}`}
                  type="checkbox"
                  id={`cite-${evidence.id}`}
                  name="evidenceIds"
                  value={evidence.id}
                  defaultChecked={cited.has(evidence.id)}
                  className="mt-1"
                />
                <label htmlFor={`cite-${evidence.id}`}>
                  <span className="font-medium">{evidence.title}</span>
                  <span className="block text-xs text-slate-600">
                    {evidence.publisher}
                    {evidence.publishedOn && <> · {format.dateTime(new Date(`${evidence.publishedOn}T00:00:00Z`), { dateStyle: "medium" })}</>} · {evidence.commitmentTitle}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <FieldErrorText id="evidenceIds-error" issues={citationIssues} />
      </fieldset>
      <SubmitButton pending={pending} label={t("save")} pendingLabel={t("saving")} />
    </form>
  );
}
