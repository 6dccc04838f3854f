"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/components/link";
import { useActionState, useState } from "react";
import type { FieldIssue } from "@/server/errors";
import { FieldErrorText, TextArea } from "@/components/form-fields";
import type { FormState } from "@/server/forms";
import type { PlanImportOutcome } from "@/server/plan-import";
import { FormFeedback, SubmitButton } from "@/components/form-feedback";
import { idleForm, textValue, type FormAction } from "@/components/form-state";
import { Table, TableHead } from "@/components/table";

/** The import page's form: Check (a dry run) and Import, on a chosen file or pasted text. */
export function ImportForm({ action, limit }: { action: FormAction; limit: { bytes: number; megabytes: number; rows: number } }) {
  const t = useTranslations("planImport");
  const [state, formAction, pending] = useActionState(action, idleForm);
  // The server refuses a large file too; checking it here spares the upload.
  const [fileTooLarge, setFileTooLarge] = useState(false);
  const outcome = outcomeOf(state);
  // A refused import names its problems under the CSV field (server/plan-import.ts).
  const refused = state.status === "invalid" ? (state.fieldErrors.csv ?? []) : [];
  const text = outcome?.mode === "check" ? outcome.text : outcome?.mode === "import" ? "" : textValue(state, "csv");
  return (
    <>
      <form action={formAction} className="mt-6 max-w-3xl space-y-4">
        {refused.length === 0 && <FormFeedback state={state} />}
        <div>
          <label htmlFor="file" className="block text-sm font-medium">
            {t("fileLabel")}
          </label>
          <p id="file-hint" className="text-xs text-slate-600">
            {t("fileHint", { megabytes: limit.megabytes, rows: limit.rows })}
          </p>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={fileTooLarge ? true : undefined}
            aria-describedby={fileTooLarge ? "file-hint file-error" : "file-hint"}
            className="mt-1 block text-sm"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              const tooLarge = !!file && file.size > limit.bytes;
              setFileTooLarge(tooLarge);
              if (tooLarge) event.currentTarget.value = "";
            }}
          />
          <FieldErrorText id="file-error" issues={fileTooLarge ? [{ code: "fileTooLarge", values: { megabytes: limit.megabytes } }] : undefined} />
        </div>
        <TextArea name="csv" label={t("textLabel")} rows={10} defaultValue={text} />
        <div className="flex flex-wrap gap-4">
          <SubmitButton pending={pending} name="mode" value="check" label={t("check")} pendingLabel={t("working")} />
          <SubmitButton pending={pending} name="mode" value="import" label={t("import")} pendingLabel={t("working")} />
        </div>
      </form>
      <div className="mt-8 max-w-4xl">
        {/* Always present, so that the answer is announced when it appears; the tables follow outside it. */}
        <p role="status" className="font-medium">
          {outcome?.mode === "check" && (outcome.problems.length > 0 ? t("checkProblems", { count: outcome.problems.length }) : t("checkPassed"))}
          {outcome?.mode === "import" && t("imported")}
          {refused.length > 0 && t("refused", { count: refused.length })}
        </p>
        {outcome?.mode === "check" && <CheckResult outcome={outcome} />}
        {outcome?.mode === "import" && <ImportResultView result={outcome.result} />}
        {refused.length > 0 && <ProblemTable problems={refused} />}
      </div>
    </>
  );
}

/** The import action answers PlanImportOutcome whenever it saves (app/actions/plan.ts). */
function outcomeOf(state: FormState): PlanImportOutcome | null {
  return state.status === "saved" ? (state.result as PlanImportOutcome) : null;
}

function CheckResult({ outcome }: { outcome: Extract<PlanImportOutcome, { mode: "check" }> }) {
  const t = useTranslations("planImport");
  const { summary, problems } = outcome;
  return (
    <>
      {problems.length > 0 && <ProblemTable problems={problems} />}
      <h2 className="mt-6 text-xl font-semibold">{t("summaryHeading")}</h2>
      <ul className="mt-2 list-disc pl-6 text-sm">
        <li>{t("summaryRows", { count: summary.rows })}</li>
        <li>{t("summaryCreate", { count: summary.commitmentsToCreate })}</li>
        <li>{t("summaryReuse", { count: summary.commitmentsToReuse })}</li>
        <li>{t("summaryMilestones", { count: summary.milestonesToCreate })}</li>
      </ul>
      {summary.commitments.length > 0 && (
        <Table className="mt-4 w-full text-left text-sm" captionClassName="text-left font-medium" caption={t("planCaption")}>
          <TableHead columns={[t("firstRowColumn"), t("pillarColumn"), t("commitmentColumn"), t("actionColumn"), t("milestonesColumn")]} />
          <tbody>
            {summary.commitments.map((commitment) => (
              <tr key={commitment.row} className="border-b border-slate-100">
                <td className="py-1 pr-2">{commitment.row}</td>
                <td className="py-1 pr-2">{commitment.pillar}</td>
                <td className="py-1 pr-2">{commitment.title}</td>
                <td className="py-1 pr-2">{commitment.reuse ? t("willReuse") : t("willCreate")}</td>
                <td className="py-1">{commitment.milestones}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

function ImportResultView({ result }: { result: Extract<PlanImportOutcome, { mode: "import" }>["result"] }) {
  const t = useTranslations("planImport");
  return (
    <>
      <ul className="mt-2 list-disc pl-6 text-sm">
        <li>{t("importedCreated", { count: result.commitmentsCreated })}</li>
        <li>{t("importedReused", { count: result.commitmentsReused })}</li>
        <li>{t("importedMilestones", { count: result.milestonesCreated })}</li>
      </ul>
      <Table className="mt-4 w-full text-left text-sm" captionClassName="text-left font-medium" caption={t("importedCaption")}>
        <TableHead columns={[t("pillarColumn"), t("commitmentColumn"), t("actionColumn"), t("milestonesColumn")]} />
        <tbody>
          {result.commitments.map((commitment) => (
            <tr key={commitment.id} className="border-b border-slate-100">
              <td className="py-1 pr-2">{commitment.pillarNumber}</td>
              <td className="py-1 pr-2">
                <Link href={`/commitments/${commitment.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                  {commitment.title}
                </Link>
              </td>
              <td className="py-1 pr-2">{commitment.created ? t("created") : t("reused")}</td>
              <td className="py-1">{commitment.milestones}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}

/** Each problem with the row and column it was found in; the issue's values carry both. */
function ProblemTable({ problems }: { problems: FieldIssue[] }) {
  const t = useTranslations("planImport");
  const validation = useTranslations("validation");
  const message = (issue: FieldIssue) => {
    const text = validation.has(issue.code as "invalid") ? validation(issue.code as "invalid", issue.values) : validation("invalid");
    const value = issue.values?.value;
    return value === undefined ? text : t("problemWithValue", { message: text, value: String(value) });
  };
  return (
    <Table className="mt-4 w-full text-left text-sm" captionClassName="text-left font-medium" testId="import-problems" caption={t("problemsCaption")}>
      <TableHead columns={[t("rowColumn"), t("columnColumn"), t("problemColumn")]} />
      <tbody>
        {problems.map((issue, index) => (
          <tr key={index} className="border-b border-slate-100 align-top">
            <td className="py-1 pr-2">{issue.values?.row ?? t("wholeFile")}</td>
            <td className="py-1 pr-2 font-mono">{issue.values?.column ?? t("noColumn")}</td>
            <td className="py-1">{message(issue)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
