"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { noteMaxLength } from "@/domain/limits";
import { delayCauses, isMilestoneStatus, milestoneStatuses, namesACause } from "@/domain/milestone-status";
import { MilestoneStatus } from "@/server/db/generated/enums";
import { idleForm, unsavedGuard, type FormAction } from "./form-state";
import { SavedNotice } from "./form-feedback";
import { FormProblem, SelectField, TextArea, TextField } from "./form-fields";

interface ConflictState {
  status: string;
  version: number;
  latestUpdate: { previousStatus: string; newStatus: string; cause: string | null; author: string; createdAt: string } | null;
}

export function StatusUpdateForm({ action: update, version, currentStatus }: { action: FormAction; version: number; currentStatus: string }) {
  const t = useTranslations();
  const format = useFormatter();
  const [state, action, pending] = useActionState(update, idleForm);
  const refused = state.status === "invalid" || state.status === "conflict" || state.status === "failed" ? state : null;
  const typed = (name: string) => {
    const value = refused?.values[name];
    return typeof value === "string" ? value : undefined;
  };
  const conflict = state.status === "conflict" ? (state.current as ConflictState | undefined) : undefined;
  // After a conflict the form starts again from the update that won (its
  // status, cause and version, which the page above now shows) with the note
  // kept: a second press records the note against what is there now, never
  // the status chosen before the other update came in.
  const initialStatus = conflict?.status ?? typed("status") ?? currentStatus;
  const initialCause = conflict ? (conflict.latestUpdate?.cause ?? "") : (typed("cause") ?? "");
  // The select's default stays what the form was opened or answered with; the
  // live choice, kept per answer, only decides which follow-up fields to show.
  // Feeding the live choice back as the default would rebuild the select
  // (SelectField keys on it) and take the keyboard focus away while the user picks.
  const [choice, setChoice] = useState({ answer: state, status: initialStatus });
  const status = choice.answer === state ? choice.status : initialStatus;
  const versionToSend = conflict?.version ?? version;
  const fieldErrors = state.status === "invalid" ? state.fieldErrors : {};
  const statusLabel = (value: string) => (isMilestoneStatus(value) ? t(`status.${value}`) : value);

  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="status-update-heading" {...unsavedGuard(state)}>
      <h2 id="status-update-heading" className="text-xl font-semibold">
        {t("statusUpdate.heading")}
      </h2>
      {state.status === "saved" && <SavedNotice message={t("statusUpdate.saved")} />}
      {conflict && (
        <div role="alert" className="rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <p className="font-medium">{t("statusUpdate.conflictTitle")}</p>
          {conflict.latestUpdate && (
            <p>
              {t("statusUpdate.conflictWinner", {
                from: statusLabel(conflict.latestUpdate.previousStatus),
                to: statusLabel(conflict.latestUpdate.newStatus),
                author: conflict.latestUpdate.author,
                date: format.dateTime(new Date(conflict.latestUpdate.createdAt), { dateStyle: "medium", timeStyle: "short" }),
              })}
            </p>
          )}
          <p>{t("statusUpdate.conflictResubmit")}</p>
        </div>
      )}
      {state.status === "invalid" && <FormProblem message="validation" />}
      {state.status === "failed" && <FormProblem message={state.message} />}
      <input type="hidden" name="version" value={versionToSend} />
      <SelectField
        name="status"
        label={t("statusUpdate.status")}
        required
        defaultValue={initialStatus}
        onChange={(value) => setChoice({ answer: state, status: value })}
        issues={fieldErrors.status}
        options={milestoneStatuses.map((value) => ({ value, label: t(`status.${value}`) }))}
      />
      {namesACause(status) && (
        <SelectField
          name="cause"
          label={t("statusUpdate.cause")}
          required
          defaultValue={initialCause}
          placeholder={t("statusUpdate.causePlaceholder")}
          issues={fieldErrors.cause}
          options={delayCauses.map((value) => ({ value, label: t(`cause.${value}`) }))}
        />
      )}
      {status === MilestoneStatus.completed && (
        <TextField
          name="completedOn"
          type="date"
          label={t("statusUpdate.completedOn")}
          hint={t("statusUpdate.completedOnHint")}
          defaultValue={conflict ? undefined : typed("completedOn")}
          issues={fieldErrors.completedOn}
        />
      )}
      <TextArea
        key={state.status === "saved" ? `note-${state.savedAt}` : "note"}
        name="note"
        label={t("statusUpdate.note")}
        hint={t("statusUpdate.noteHint", { maximum: noteMaxLength })}
        required
        maxLength={noteMaxLength}
        defaultValue={typed("note")}
        issues={fieldErrors.note}
      />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
        {pending ? t("statusUpdate.submitting") : t("statusUpdate.submit")}
      </button>
    </form>
  );
}
