"use server";

import { revalidatePath } from "next/cache";
import { runFormAction, type FormState } from "@/server/forms";
import { updateMilestoneStatus } from "@/server/status-updates";

/** The status update form of a milestone page; same rules as POST /api/v1/milestones/{id}/status-updates. */
export async function submitStatusUpdate(milestoneId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, (actor, values) => updateMilestoneStatus(actor, milestoneId, values));
  // After a conflict too: the page then shows the status and the update that won.
  if (state.status === "saved" || state.status === "conflict") revalidatePath(`/milestones/${milestoneId}`);
  return state;
}
