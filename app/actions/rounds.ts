"use server";

import { revalidatePath } from "next/cache";
import { runFormAction, runFormActionThenShow, type FormState } from "@/server/forms";
import { closeRound, openRound } from "@/server/rounds";

// The round forms; same rules as POST /api/v1/rounds and /api/v1/rounds/{id}/close.

export async function openRoundAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormActionThenShow(formData, openRound, (round) => `/rounds/${round.id}`);
}

export async function closeRoundAction(roundId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, (actor) => closeRound(actor, roundId));
  if (state.status === "saved") revalidatePath("/", "layout");
  return state;
}
