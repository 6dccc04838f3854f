import type { Locale } from "../server/db/generated/enums";

/**
 * A text of the plan (a pillar's name, a commitment's or milestone's title, an
 * indicator's unit…) in both languages: the English always, the Spanish once
 * someone has written it.
 */
export interface PlanText {
  en: string;
  es: string | null;
}

/** What a page in `locale` shows of a plan text: its version in that language or, lacking it, the other one, marked with its language. */
export interface ShownPlanText {
  text: string;
  lang: Locale;
  /** True when the text is not in the page's language. */
  fallback: boolean;
}

export function planTextIn(text: PlanText, locale: Locale): ShownPlanText {
  if (locale === "es") {
    return text.es ? { text: text.es, lang: "es", fallback: false } : { text: text.en, lang: "en", fallback: true };
  }
  return { text: text.en, lang: "en", fallback: false };
}

/** The plan text as a plain string in `locale` (for a page's title, an option or a file), without the mark. */
export function planTextString(en: string, es: string | null | undefined, locale: Locale): string {
  return planTextIn({ en, es: es ?? null }, locale).text;
}
