import { useLocale, useTranslations } from "next-intl";
import { planTextIn, planTextString } from "@/domain/plan-text";
import type { AppLocale } from "@/i18n/locales";

/**
 * A text of the plan in the page's language; lacking it, the other
 * language's version, set in its language and marked "(in English)".
 */
export function PlanText({ en, es }: { en: string; es: string | null | undefined }) {
  const shown = planTextIn({ en, es: es ?? null }, useLocale());
  if (!shown.fallback) return shown.text;
  return (
    <>
      <span lang={shown.lang}>{shown.text}</span> <LanguageMark lang={shown.lang} />
    </>
  );
}

/** The small mark beside a text that is not in the page's language: "(in English)", "(en español)", itself in that language. Nothing when it is the page's. */
export function LanguageMark({ lang }: { lang: AppLocale }) {
  const locale = useLocale();
  const t = useTranslations("languages.mark");
  if (lang === locale) return null;
  return (
    <span lang={lang} className="text-xs font-normal text-slate-600">
      {t(lang)}
    </span>
  );
}

/** In a component that may use hooks: a function giving a plan text in the page's language as a plain string, where a mark cannot go (an option, a sentence of the messages). */
export function usePlanTextString(): (en: string, es: string | null | undefined) => string {
  const locale = useLocale();
  return (en, es) => planTextString(en, es, locale);
}
