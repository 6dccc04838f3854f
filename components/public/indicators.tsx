import { getFormatter, getTranslations } from "next-intl/server";
import { IndicatorChart } from "@/components/indicator-chart";
import { ChartMarkers } from "@/components/dashboard/chart";
import { LanguageMark, PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";
import { Table, TableHead } from "@/components/table";
import type { PublicIndicator, PublicIndicatorSummary } from "@/server/public-indicators";

/** A day of the plan (an ISO date) as the reader's language writes it. */
async function dayFormat(): Promise<(iso: string) => string> {
  const format = await getFormatter();
  return (iso) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium" });
}

/** A pillar's indicators on its public page: name, unit, baseline, target and latest value, each linking to its page. */
export async function PublicIndicatorList({ pillarNumber, indicators, hrefOf }: { pillarNumber: number; indicators: PublicIndicatorSummary[]; hrefOf: (id: string) => string }) {
  const [t, format, day] = await Promise.all([getTranslations("public.indicators"), getFormatter(), dayFormat()]);
  const level = (value: number | null, date: string | null) => (value === null ? t("notSet") : date === null ? format.number(value) : t("valueOn", { value, date: day(date) }));
  return (
    <section aria-labelledby="indicators-heading" className="mt-10">
      <h2 id="indicators-heading" className="text-xl font-semibold">
        {t("heading")}
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      {indicators.length === 0 ? (
        <p className="mt-2 text-sm">{t("none")}</p>
      ) : (
        <Table className="mt-3 w-full text-left text-sm" caption={t("caption", { number: pillarNumber })} testId="public-indicators">
          <TableHead columns={[t("nameColumn"), t("unitColumn"), t("baselineColumn"), t("targetColumn"), t("latestColumn")]} />
          <tbody>
            {indicators.map((indicator) => (
              <tr key={indicator.id} className="border-b border-slate-200 align-top">
                <th scope="row" className="py-2 pr-3 font-normal">
                  <a href={hrefOf(indicator.id)} className="text-brand-700 underline">
                    <PlanText en={indicator.name} es={indicator.nameEs} />
                  </a>
                </th>
                <td className="py-2 pr-3">
                  <PlanText en={indicator.unit} es={indicator.unitEs} />
                </td>
                <td className="py-2 pr-3 tabular-nums">{level(indicator.baselineValue, indicator.baselineDate)}</td>
                <td className="py-2 pr-3 tabular-nums">{level(indicator.targetValue, indicator.targetDate)}</td>
                <td className="py-2 tabular-nums">{indicator.latest ? level(indicator.latest.value, indicator.latest.observedOn) : t("noObservation")}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}

/** The chart of an indicator's values against its baseline and target, on labelled axes, in the reader's language. */
export async function PublicIndicatorChart({ indicator }: { indicator: PublicIndicator }) {
  const [t, format, day, planText] = await Promise.all([getTranslations("public.indicator"), getFormatter(), dayFormat(), planTextStrings()]);
  return (
    <>
      <ChartMarkers markers={[{ id: "observation", shape: "dot", className: "fill-brand-700" }]} />
      <IndicatorChart
        indicator={indicator}
        label={t("chartLabel", { name: planText(indicator.name, indicator.nameEs) })}
        words={{ unit: planText(indicator.unit, indicator.unitEs), baseline: t("baseline"), target: t("target"), number: (value) => format.number(value), day }}
      />
    </>
  );
}

/** The values behind the chart, oldest first; with `sources`, each with the published source that reports it. */
export async function PublicObservationTable({ indicator, caption, sources }: { indicator: PublicIndicator; caption: string; sources: boolean }) {
  const [t, format, day, planText] = await Promise.all([getTranslations("public.indicator"), getFormatter(), dayFormat(), planTextStrings()]);
  if (indicator.observations.length === 0) return <p className="mt-2 text-sm">{t("noObservations")}</p>;
  const columns = [t("dayColumn"), t("valueColumn", { unit: planText(indicator.unit, indicator.unitEs) }), ...(sources ? [t("sourceColumn")] : [])];
  return (
    <Table className="mt-3 w-full text-left text-sm" caption={caption} testId="observations">
      <TableHead columns={columns} />
      <tbody>
        {indicator.observations.map(({ id, value, observedOn, source }) => (
          <tr key={id} className="border-b border-slate-200 align-top">
            <td className="py-1 pr-3">{day(observedOn)}</td>
            <td className="py-1 pr-3 tabular-nums">{format.number(value)}</td>
            {sources && (
              <td className="py-1">
                {source ? (
                  <>
                    {/* Evidence is kept in the language it was written in, marked when it is not the page's. */}
                    {source.url ? (
                      <a href={source.url} rel="noopener noreferrer" lang={source.language} className="text-brand-700 underline">
                        {source.title}
                      </a>
                    ) : (
                      <span lang={source.language}>{source.title}</span>
                    )}{" "}
                    <LanguageMark lang={source.language} /> ({source.publishedOn ? t("source", { publisher: source.publisher, date: day(source.publishedOn) }) : t("undated", { publisher: source.publisher })})
                    {source.retraction && <p className="text-amber-900">{t("retracted", { date: format.dateTime(source.retraction.retractedOn, { dateStyle: "medium" }), reason: source.retraction.reason })}</p>}
                  </>
                ) : (
                  t("noSource")
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
