"use server";

import { revalidatePath } from "next/cache";
import { logEvidence, retractEvidence } from "@/server/evidence";
import { runFormAction, runFormActionThenShow, type FormState } from "@/server/forms";

// The evidence forms; same rules as POST /api/v1/evidence and
// POST /api/v1/evidence/{id}/retractions. Evidence shows on the log, its own
// page and its commitment's and milestone's pages: a change refreshes them all.

/** Logs evidence; a saved record opens on its own page. */
export async function logEvidenceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormActionThenShow(formData, logEvidence, (evidence) => `/evidence/${evidence.id}`);
}

export async function retractEvidenceAction(evidenceId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, (actor, values) => retractEvidence(actor, evidenceId, values));
  if (state.status === "saved") revalidatePath("/", "layout");
  return state;
}
