import { Link } from "@/components/link";
import { getFormatter, getTranslations } from "next-intl/server";

/**
 * A link carried on "as of" the past day being read (`pastDay`), so that a
 * page reached from a past day's page reads the same day; without one, the
 * link is left as it is.
 */
export function withAsOf(href: string, pastDay: string | undefined): string {
  return pastDay ? `${href}${href.includes("?") ? "&" : "?"}${new URLSearchParams({ asOf: pastDay })}` : href;
}

/**
 * Says that a record's page reads a past day, with the way back to today, or
 * that the day asked for could not be shown; nothing on today's page.
 */
export async function AsOfBanner({ record, pastDay, refused, todayHref }: { record: "commitment" | "milestone"; pastDay: string | undefined; refused: boolean; todayHref: string }) {
  const [t, format] = await Promise.all([getTranslations("asOf"), getFormatter()]);
  if (refused) {
    return (
      <p role="alert" className="mt-3 max-w-3xl rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
        {t("refused")}
      </p>
    );
  }
  if (!pastDay) return null;
  return (
    <p className="mt-3 max-w-3xl rounded border border-slate-300 bg-brand-50 px-3 py-2 text-sm" data-testid="as-of">
      {t(record, { date: format.dateTime(new Date(`${pastDay}T00:00:00Z`), { dateStyle: "long" }) })}{" "}
      <Link href={todayHref} className="text-brand-700 underline">
        {t("showToday")}
      </Link>
    </p>
  );
}
