"use server";

import { revalidatePath } from "next/cache";
import { createApiToken, revokeApiToken } from "@/server/api-tokens";
import { runFormAction, type FormState } from "@/server/forms";

// Personal API tokens: made on the profile (the answer shows the token this
// once), revoked from the profile or, by admins, from /admin/tokens.

export async function createApiTokenAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, (actor, values) => createApiToken(actor, values));
  if (state.status === "saved") revalidatePath("/profile");
  return state;
}

export async function revokeApiTokenAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, (actor, values) => revokeApiToken(actor, values.id));
  if (state.status === "saved") {
    revalidatePath("/profile");
    revalidatePath("/admin/tokens");
  }
  return state;
}
