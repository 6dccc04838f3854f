"use server";

import { revalidatePath } from "next/cache";
import {
  amendAssessment,
  createAssessment,
  publishAssessment,
  returnAssessment,
  submitAssessment,
  updateAssessment,
} from "@/server/assessments";
import { runFormAction, runFormActionThenShow, type FormState } from "@/server/forms";

// The assessment forms; same rules and schemas as /api/v1/assessments and its
// steps. A step shows on the assessment, its round, the evidence it cites and
// the overview, so a saved step refreshes every page.

async function step(formData: FormData, write: Parameters<typeof runFormAction>[1]): Promise<FormState> {
  const state = await runFormAction(formData, write);
  if (state.status === "saved") revalidatePath("/", "layout");
  return state;
}

export async function startAssessmentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormActionThenShow(formData, createAssessment, (assessment) => `/assessments/${assessment.id}`);
}

/**
 * Saves the draft, or submits it as the form shows it (the button pressed
 * sends `intent`): saved and submitted in one transaction, never one without
 * the other. A form leaves out a group of checkboxes none of which is ticked:
 * that means no citation.
 */
export async function saveAssessmentAction(id: string, _previous: FormState, formData: FormData): Promise<FormState> {
  return step(formData, (actor, { intent, ...values }) => {
    const draft = { ...values, evidenceIds: values.evidenceIds ?? [] };
    return intent === "submit" ? submitAssessment(actor, id, draft) : updateAssessment(actor, id, draft);
  });
}

export async function publishAssessmentAction(id: string, _previous: FormState, formData: FormData): Promise<FormState> {
  return step(formData, (actor, values) => publishAssessment(actor, id, values));
}

export async function returnAssessmentAction(id: string, _previous: FormState, formData: FormData): Promise<FormState> {
  return step(formData, (actor, values) => returnAssessment(actor, id, values));
}

export async function amendAssessmentAction(id: string, _previous: FormState, formData: FormData): Promise<FormState> {
  return runFormActionThenShow(formData, (actor) => amendAssessment(actor, id), (amendment) => `/assessments/${amendment.id}`);
}
