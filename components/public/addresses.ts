import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { defaultLocale, isLocale, locales, type AppLocale } from "@/i18n/locales";

/** The language of the public page being rendered (i18n/request.ts takes it from the address). */
export async function publicLocale(): Promise<AppLocale> {
  const locale = await getLocale();
  return isLocale(locale) ? locale : defaultLocale;
}

/** The address of a public page in a language: `/public/es/pillars/1` for `/pillars/1`. */
export function publicHref(locale: AppLocale, path = ""): string {
  return `/public/${locale}${path}`;
}

/**
 * The public page being rendered, without `/public` and its language
 * (`/pillars/1?asOf=…`): proxy.ts keeps the address asked for in
 * x-tracker-path, before it rewrote it to the route.
 */
export async function currentPublicPath(): Promise<string> {
  const asked = (await headers()).get("x-tracker-path") ?? "/public";
  return asked.replace(new RegExp(`^/public(?:/(?:${locales.join("|")})(?=[/?]|$))?`), "");
}

/** A pillar's number from its address (1 to 999); any other segment is not found. */
export function pillarNumberOf(raw: string): number {
  if (!/^[1-9][0-9]{0,2}$/.test(raw)) notFound();
  return Number(raw);
}
