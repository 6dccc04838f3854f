import { getFormatter, getTranslations } from "next-intl/server";
import { EmbedSnippet } from "@/components/public/embed-snippet";
import { PublicIndicatorChart, PublicObservationTable } from "@/components/public/indicators";
import { publicHref, publicLocale } from "@/components/public/addresses";
import { PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";
import { orNotFound } from "@/server/pages";
import { publicIndicator } from "@/server/public-indicators";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const [indicator, t, planText] = await Promise.all([orNotFound(publicIndicator((await params).id)), getTranslations("public.indicator"), planTextStrings()]);
  return { title: t("heading", { name: planText(indicator.name, indicator.nameEs) }) };
}

export default async function PublicIndicatorPage({ params }: Props) {
  const { id } = await params;
  const [indicator, t, embed, format, planText, locale] = await Promise.all([
    orNotFound(publicIndicator(id)),
    getTranslations("public.indicator"),
    getTranslations("public.embed"),
    getFormatter(),
    planTextStrings(),
    publicLocale(),
  ]);
  const name = planText(indicator.name, indicator.nameEs);
  const level = (value: number | null, date: string | null) =>
    value === null ? t("notSet") : date === null ? format.number(value) : t("valueOn", { value, date: format.dateTime(new Date(`${date}T00:00:00Z`), { dateStyle: "long" }) });
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading", { name })}</h1>
      <dl className="mt-4 grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm" data-testid="indicator-facts">
        <dt className="font-medium">{t("pillar")}</dt>
        <dd>
          <a href={publicHref(locale, `/pillars/${indicator.pillar.number}`)} className="text-brand-700 underline">
            {t("pillarLink", { number: indicator.pillar.number, name: planText(indicator.pillar.name, indicator.pillar.nameEs) })}
          </a>
        </dd>
        {indicator.commitment && (
          <>
            <dt className="font-medium">{t("commitment")}</dt>
            <dd>
              <PlanText en={indicator.commitment.title} es={indicator.commitment.titleEs} />
            </dd>
          </>
        )}
        <dt className="font-medium">{t("unit")}</dt>
        <dd>
          <PlanText en={indicator.unit} es={indicator.unitEs} />
        </dd>
        <dt className="font-medium">{t("direction")}</dt>
        <dd>{indicator.better === "higher" ? t("betterHigher") : t("betterLower")}</dd>
        <dt className="font-medium">{t("baseline")}</dt>
        <dd data-testid="baseline">{level(indicator.baselineValue, indicator.baselineDate)}</dd>
        <dt className="font-medium">{t("target")}</dt>
        <dd data-testid="target">{level(indicator.targetValue, indicator.targetDate)}</dd>
      </dl>
      <section aria-labelledby="observations-heading" className="mt-8 max-w-3xl">
        <h2 id="observations-heading" className="text-xl font-semibold">
          {t("observationsHeading")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("observationsIntro")}</p>
        {/* As wide as the dashboard's column: wider, the chart's words would grow past the text's. */}
        <div className="max-w-xl">
          <PublicIndicatorChart indicator={indicator} />
        </div>
        <PublicObservationTable indicator={indicator} caption={t("caption", { name })} sources />
      </section>
      <EmbedSnippet path={`/embed/indicators/${indicator.id}`} frameTitle={embed("indicatorFrameTitle", { name })} height={520} />
    </>
  );
}
