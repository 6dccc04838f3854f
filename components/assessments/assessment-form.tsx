"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { FormFeedback, SubmitButton, SavedNotice } from "@/components/form-feedback";
import { FieldErrorText, SelectField, TextArea } from "@/components/form-fields";
import { idleForm, issuesOf, listValue, textValue, unsavedGuard, type FormAction } from "@/components/form-state";

const advances = ["none", "limited", "steady", "substantial"] as const;
const results = ["worsened", "none_yet", "slow", "moderate", "significant", "cannot_assess"] as const;
const fieldLabels = { advances: "fieldAdvances", results: "fieldResults", narrative: "fieldNarrative", evidenceIds: "fieldEvidence" } as const;

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

/**
 * The author's draft: both ratings, the narrative and the evidence it cites,
 * saved as a draft or submitted as the form shows it (the `intent` of the
 * button pressed, which a browser without JavaScript sends too).
 */
export function AssessmentForm({ action: save, saved, citable }: { action: FormAction; saved: Saved; citable: CitableEvidence[] }) {
  const t = useTranslations("assessment");
  const scale = useTranslations();
  const format = useFormatter();
  const [state, action, pending] = useActionState(save, idleForm);
  const [intent, setIntent] = useState("save");
  const cited = new Set(listValue(state, "evidenceIds", saved.evidenceIds));
  const citationIssues = issuesOf(state, "evidenceIds");
  const refusedSubmission = state.status === "invalid" && textValue(state, "intent") === "submit";
  const missing = refusedSubmission ? (Object.keys(fieldLabels) as (keyof typeof fieldLabels)[]).filter((field) => state.fieldErrors[field]) : [];
  return (
    <form action={action} noValidate aria-labelledby="edit-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" {...unsavedGuard(state)}>
      <h2 id="edit-heading" className="text-xl font-semibold">
        {t("editHeading")}
      </h2>
      {state.status === "saved" && <SavedNotice message={t("saved")} />}
      <FormFeedback state={state} />
      {missing.length > 0 && (
        <div className="text-sm">
          <p className="font-medium">{t("submitProblems")}</p>
          <ul className="list-disc pl-5">
            {missing.map((field) => (
              <li key={field}>
                <a href={`#${field === "evidenceIds" ? "citations" : field}`} className="underline">
                  {t(fieldLabels[field])}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
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
      <fieldset id="citations" aria-describedby={`citations-hint${citationIssues ? " evidenceIds-error" : ""}`}>
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
      <p id="submit-hint" className="text-sm text-slate-700">
        {t("submitHint")}
      </p>
      <div className="flex flex-wrap gap-3">
        <SubmitButton pending={pending} name="intent" value="save" onClick={() => setIntent("save")} label={t("save")} pendingLabel={intent === "save" ? t("saving") : t("save")} />
        <SubmitButton
          pending={pending}
          name="intent"
          value="submit"
          onClick={() => setIntent("submit")}
          describedBy="submit-hint"
          label={t("submit")}
          pendingLabel={intent === "submit" ? t("submitting") : t("submit")}
        />
      </div>
    </form>
  );
}
