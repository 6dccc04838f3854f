"use server";

import { revalidatePath } from "next/cache";
import { createCommitment, setCommitmentArchived, updateCommitment } from "@/server/commitments";
import { runFormAction, runFormActionThenShow, type FormState, type FormValues } from "@/server/forms";
import { createMilestone, setMilestoneArchived, updateMilestone } from "@/server/milestones";
import type { Actor } from "@/server/permissions";
import { createPillar, updatePillar } from "@/server/pillars";
import { dryRun, importField, importPlan, problemIssues, type PlanImportOutcome } from "@/server/plan-import";

// The admin's plan-keeping forms. Each write goes through runFormAction, which
// turns every refusal into form state; a saved record leads to its own page.

/** A change to the plan shows on every page: the overview's counts, the pillar, commitment and milestone pages, the admin plan. */
function planChanged(): void {
  revalidatePath("/", "layout");
}

async function archiveOrRestore(formData: FormData, write: (actor: Actor, values: FormValues) => Promise<void>): Promise<FormState> {
  const state = await runFormAction(formData, write);
  if (state.status === "saved") planChanged();
  return state;
}

export async function createPillarAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormActionThenShow(formData, createPillar, (pillar) => `/pillars/${pillar.number}`);
}

export async function updatePillarAction(id: string, _previous: FormState, formData: FormData): Promise<FormState> {
  return runFormActionThenShow(formData, (actor, values) => updatePillar(actor, id, values), (pillar) => `/pillars/${pillar.number}`);
}

export async function createCommitmentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormActionThenShow(formData, createCommitment, (commitment) => `/commitments/${commitment.id}`);
}

export async function updateCommitmentAction(id: string, _previous: FormState, formData: FormData): Promise<FormState> {
  return runFormActionThenShow(formData, (actor, values) => updateCommitment(actor, id, values), (commitment) => `/commitments/${commitment.id}`);
}

export async function setCommitmentArchivedAction(id: string, archive: boolean, _previous: FormState, formData: FormData): Promise<FormState> {
  return archiveOrRestore(formData, (actor, values) => setCommitmentArchived(actor, id, archive, values));
}

export async function createMilestoneAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormActionThenShow(formData, createMilestone, (milestone) => `/milestones/${milestone.id}`);
}

export async function updateMilestoneAction(id: string, _previous: FormState, formData: FormData): Promise<FormState> {
  return runFormActionThenShow(formData, (actor, values) => updateMilestone(actor, id, values), (milestone) => `/milestones/${milestone.id}`);
}

export async function setMilestoneArchivedAction(id: string, archive: boolean, _previous: FormState, formData: FormData): Promise<FormState> {
  return archiveOrRestore(formData, (actor, values) => setMilestoneArchived(actor, id, archive, values));
}

/**
 * Checks (dry run) or imports a plan CSV, from a chosen file or else the
 * pasted text. A check answers the text it read, so that the page keeps a
 * file's content in the text field for the import that follows.
 */
export async function planImportAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const importing = formData.get("mode") === "import";
  const state = await runFormAction(formData, async (actor, values): Promise<PlanImportOutcome> => {
    const file = formData.get("file");
    const pasted = values[importField];
    const text = file instanceof File && file.size > 0 ? await file.text() : typeof pasted === "string" ? pasted : "";
    if (importing) return { mode: "import", result: await importPlan(actor, text) };
    const { problems, summary } = await dryRun(actor, text);
    return { mode: "check", summary, problems: problemIssues(problems), text };
  });
  if (importing && state.status === "saved") planChanged();
  return state;
}
