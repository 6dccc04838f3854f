import "server-only";
import { getLocale } from "next-intl/server";
import { planTextString } from "@/domain/plan-text";

/**
 * For an async server component: a function giving a plan text in the
 * request's language as a plain string, where a mark cannot go (a page's
 * title, a select's option, a sentence of the messages).
 */
export async function planTextStrings(): Promise<(en: string, es: string | null | undefined) => string> {
  const locale = (await getLocale());
  return (en, es) => planTextString(en, es, locale);
}
