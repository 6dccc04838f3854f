"use server";

import { revalidatePath } from "next/cache";
import { runFormAction, runFormActionThenShow, type FormState } from "@/server/forms";
import { createUser, endUserSessions, resetUserSecondFactor, updateUser } from "@/server/user-admin";

// The admins' user forms. A created or edited account leads back to the list;
// activation and ending sessions answer in place.

export async function createUserAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormActionThenShow(formData, createUser, () => "/admin/users");
}

export async function updateUserAction(id: string, _previous: FormState, formData: FormData): Promise<FormState> {
  return runFormActionThenShow(formData, (actor, values) => updateUser(actor, id, values), () => "/admin/users");
}

export async function setUserActiveAction(id: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, (actor, values) => updateUser(actor, id, values));
  if (state.status === "saved") revalidatePath("/admin/users", "layout");
  return state;
}

export async function endUserSessionsAction(id: string, _previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, (actor) => endUserSessions(actor, id));
}

export async function resetUserSecondFactorAction(id: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, (actor, values) => resetUserSecondFactor(actor, id, values));
  if (state.status === "saved") revalidatePath("/admin/users", "layout");
  return state;
}
