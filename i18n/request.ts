import { cookies, headers } from "next/headers";
import type { AbstractIntlMessages } from "next-intl";
import { getRequestConfig } from "next-intl/server";
import { getActor } from "@/server/session";
import { defaultLocale, isLocale, localeCookie, type AppLocale } from "./locales";

// The language of a page: the signed-in user's choice on their account; before
// sign-in, the language cookie, then the browser's preference.
async function requestLocale(): Promise<AppLocale> {
  const actor = await getActor().catch(() => null);
  if (actor) return actor.locale;
  const chosen = (await cookies()).get(localeCookie)?.value;
  if (isLocale(chosen)) return chosen;
  const accepted = (await headers()).get("accept-language") ?? "";
  return /^\s*es\b/i.test(accepted) ? "es" : defaultLocale;
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return {
    locale,
    timeZone: "UTC",
    messages: ((await import(`../messages/${locale}.json`)) as { default: AbstractIntlMessages }).default,
  };
});
