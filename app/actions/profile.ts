"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { endMySession } from "@/server/auth/sessions";
import { runFormAction, type FormState } from "@/server/forms";
import { changePassword, confirmSecondFactor, endAllMySessions, removeSecondFactor, startSecondFactorEnrolment } from "@/server/profile";
import { endSession, requireAccount } from "@/server/session";

// The profile's forms. Setting up the second factor, ending a session and
// signing out everywhere are open to an account that still owes its second
// factor (requireAccount); the others need a full session.

const enrollingAccount = async () => (await requireAccount()).actor;

/** Every session of the account has just ended: this browser signs in again. */
async function signInAgain(notice: "passwordChanged" | "signedOutEverywhere"): Promise<never> {
  await endSession();
  redirect(`/signin?notice=${notice}`);
}

export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, changePassword);
  if (state.status !== "saved") return state;
  return signInAgain("passwordChanged");
}

export async function signOutEverywhereAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, endAllMySessions, enrollingAccount);
  if (state.status !== "saved") return state;
  return signInAgain("signedOutEverywhere");
}

export async function endMySessionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, (actor, values) => endMySession(actor, values), enrollingAccount);
  if (state.status === "saved") revalidatePath("/profile");
  return state;
}

export async function startSecondFactorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, startSecondFactorEnrolment, enrollingAccount);
  if (state.status === "saved") revalidatePath("/profile");
  return state;
}

/** Answers the recovery codes to show once; the page is not refreshed, so they stay until the person moves on. */
export async function confirmSecondFactorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, (actor, values) => confirmSecondFactor(actor, values), enrollingAccount);
}

export async function removeSecondFactorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, (actor, values) => removeSecondFactor(actor, values));
  if (state.status === "saved") revalidatePath("/profile");
  return state;
}
