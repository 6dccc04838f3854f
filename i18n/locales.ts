import { Locale } from "../server/db/generated/enums";

// The languages are the schema's: an account's language is one of them.
export const locales: readonly Locale[] = Object.values(Locale);
export type AppLocale = Locale;
export const defaultLocale: AppLocale = "en";
export const localeCookie = "tracker-locale";

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** The language a browser's Accept-Language header asks for first among ours: Spanish when it leads, English otherwise. */
export function acceptedLocale(acceptLanguage: string | null): AppLocale {
  return /^\s*es\b/i.test(acceptLanguage ?? "") ? "es" : defaultLocale;
}
