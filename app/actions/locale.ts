"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { isLocale, localeCookie } from "@/i18n/locales";
import { getActor } from "@/server/session";
import { setPreferredLocale } from "@/server/users";

/** Switches the language: on the account when signed in, and in a cookie for the sign-in page. */
export async function switchLocale(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (!isLocale(locale)) return;
  const actor = await getActor();
  if (actor) await setPreferredLocale(actor, { locale });
  (await cookies()).set(localeCookie, locale, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });
  revalidatePath("/", "layout");
}
