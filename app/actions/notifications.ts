"use server";

import { revalidatePath } from "next/cache";
import { follow, unfollow } from "@/server/follows";
import { runFormAction, runFormActionThenShow, type FormState } from "@/server/forms";
import { updateNotificationPreferences } from "@/server/notification-preferences";
import { markNotificationsRead, openNotification } from "@/server/notifications";

// The inbox, follow buttons and notification preferences; same rules as
// /api/v1/notifications, /api/v1/follows and /api/v1/notification-preferences.

/** The bell's count is on every page. */
function refreshEveryPage(state: FormState): FormState {
  if (state.status === "saved") revalidatePath("/", "layout");
  return state;
}

export async function markNotificationsReadAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return refreshEveryPage(await runFormAction(formData, (actor, values) => markNotificationsRead(actor, values)));
}

/** Marks a notification read and goes to its page. */
export async function openNotificationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormActionThenShow(formData, (actor, values) => openNotification(actor, String(values.id)), (opened) => opened.link);
}

export async function followAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return refreshEveryPage(await runFormAction(formData, (actor, values) => follow(actor, values)));
}

export async function unfollowAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return refreshEveryPage(await runFormAction(formData, (actor, values) => unfollow(actor, values)));
}

export async function updateNotificationPreferencesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, (actor, values) => updateNotificationPreferences(actor, values));
  if (state.status === "saved") revalidatePath("/profile");
  return state;
}
