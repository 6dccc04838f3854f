import { cookies, headers } from "next/headers";
import type { AbstractIntlMessages } from "next-intl";
import { getRequestConfig } from "next-intl/server";
import { getActor } from "@/server/session";
import { acceptedLocale, isLocale, localeCookie, type AppLocale } from "./locales";

// The language of a page: a public page's is its address's (proxy.ts says
// which), the same for every visitor; otherwise the signed-in user's choice on
// their account; before sign-in, the language cookie, then the browser's
// preference.
async function requestLocale(): Promise<AppLocale> {
  const requested = await headers();
  const publicLocale = requested.get("x-public-locale");
  if (isLocale(publicLocale)) return publicLocale;
  const actor = await getActor().catch(() => null);
  if (actor) return actor.locale;
  const chosen = (await cookies()).get(localeCookie)?.value;
  if (isLocale(chosen)) return chosen;
  return acceptedLocale(requested.get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return {
    locale,
    timeZone: "UTC",
    messages: ((await import(`../messages/${locale}.json`)) as { default: AbstractIntlMessages }).default,
  };
});
