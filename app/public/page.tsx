import { getFormatter, getTranslations } from "next-intl/server";
import { publicHref, publicLocale } from "@/components/public/addresses";
import { PublicPillarCard } from "@/components/public/pillar-figures";
import { withUsableFilter } from "@/server/pages";
import { publicPlanFigures } from "@/server/public-record";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("public.overview");
  return { title: t("title") };
}

export default async function PublicOverviewPage({ searchParams }: Props) {
  const { asOf: askedDay } = await searchParams;
  const filter: Record<string, string> = typeof askedDay === "string" && askedDay !== "" ? { asOf: askedDay } : {};
  const [{ asOf, pillars, refused, shown }, t, format, locale] = await Promise.all([
    withUsableFilter((usable) => publicPlanFigures(usable), filter),
    getTranslations("public.overview"),
    getFormatter(),
    publicLocale(),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
      <form method="get" className="mt-4 flex flex-wrap items-end gap-4 rounded border border-slate-200 bg-white p-4 text-sm">
        <div>
          <label htmlFor="asOf" className="block font-medium">
            {t("asOf")}
          </label>
          {/* No `max`: the browser would refuse a later day without a word; the page says why it cannot be shown. */}
          <input id="asOf" name="asOf" type="date" defaultValue={shown.asOf ?? ""} aria-describedby="asOf-hint" className="mt-1 block rounded border border-slate-400 bg-white px-3 py-2" />
          <p id="asOf-hint" className="mt-1 max-w-48 text-xs text-slate-600">
            {t("asOfHint")}
          </p>
        </div>
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("show")}
        </button>
      </form>
      {refused && (
        <p role="alert" className="mt-3 rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t("futureDay")}
        </p>
      )}
      <p className="mt-3 text-sm font-medium" data-testid="as-of">
        {t("figuresAsOf", { date: format.dateTime(new Date(`${asOf}T00:00:00Z`), { dateStyle: "long" }) })}
      </p>
      <ol className="mt-4 grid gap-4 md:grid-cols-2" aria-label={t("pillarsLabel")}>
        {pillars.map((pillar) => (
          <PublicPillarCard key={pillar.number} pillar={pillar} href={publicHref(locale, `/pillars/${pillar.number}`)} />
        ))}
      </ol>
    </>
  );
}
