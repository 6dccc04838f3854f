import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableHead } from "@/components/table";
import type { IndicatorSeries } from "@/server/indicators";
import { IndicatorChart } from "@/components/indicator-chart";
import { ChartMarkers } from "./chart";
import { PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";

/** Each indicator against its baseline and target: a chart and the table of its observations with their sources. */
export async function Indicators({ indicators }: { indicators: IndicatorSeries[] }) {
  const [t, format, planText] = await Promise.all([getTranslations(), getFormatter(), planTextStrings()]);
  const day = (iso: string | null) => (iso ? format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium" }) : "");
  const words = { baseline: t("dashboard.baseline"), target: t("dashboard.target"), number: (value: number) => format.number(value), day };
  const level = (value: number | null, date: string | null) => (value === null ? t("dashboard.notSet") : t("dashboard.valueOn", { value: format.number(value), date: day(date) }));
  return (
    <section aria-labelledby="indicators-heading" className="mt-10">
      <h2 id="indicators-heading" className="text-xl font-semibold">
        {t("dashboard.indicatorsHeading")}
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("dashboard.indicatorsIntro")}</p>
      {indicators.length === 0 && <p className="mt-2 text-sm">{t("dashboard.noIndicators")}</p>}
      <ChartMarkers markers={[{ id: "observation", shape: "dot", className: "fill-brand-700" }]} />
      <ul className="mt-3 grid gap-4 lg:grid-cols-2">
        {indicators.map((indicator) => (
          <li key={indicator.id} id={`indicator-${indicator.id}`} className="rounded border border-slate-200 bg-white p-4" data-testid="indicator">
            <h3 className="font-semibold">
              {indicator.pillar.number}. <PlanText en={indicator.name} es={indicator.nameEs} />{" "}
              <span className="font-normal text-slate-600">
                (<PlanText en={indicator.unit} es={indicator.unitEs} />)
              </span>
            </h3>
            <p className="text-xs text-slate-600">
              {indicator.better === "higher" ? t("dashboard.betterHigher") : t("dashboard.betterLower")} · {t("dashboard.baseline")}:{" "}
              {level(indicator.baselineValue, indicator.baselineDate)} · {t("dashboard.target")}: {level(indicator.targetValue, indicator.targetDate)}
            </p>
            <IndicatorChart
              indicator={indicator}
              label={t("dashboard.indicatorChart", { name: planText(indicator.name, indicator.nameEs) })}
              words={{ ...words, unit: planText(indicator.unit, indicator.unitEs) }}
            />
            {indicator.observations.length === 0 ? (
              <p className="text-sm">{t("dashboard.noObservations")}</p>
            ) : (
              <Table className="mt-2 w-full text-left text-sm" caption={planText(indicator.name, indicator.nameEs)}>
                <TableHead columns={[t("dashboard.observed"), t("dashboard.value"), t("dashboard.source")]} />
                <tbody>
                  {indicator.observations.map((observation) => (
                    <tr key={observation.id} className="border-b border-slate-100 align-top">
                      <td className="py-1 pr-2">{day(observation.observedOn)}</td>
                      <td className="py-1 pr-2 tabular-nums">{format.number(observation.value)}</td>
                      <td className="py-1">
                        {/* A plain link, not next/link (a client component to serialize, render and hydrate for every observation). */}
                        {observation.evidence ? (
                          <a href={`/evidence/${observation.evidence.id}`} className="link">
                            {observation.evidence.title}
                          </a>
                        ) : (
                          t("dashboard.noSource")
                        )}
                        {observation.evidence?.retraction && <span className="ml-1 text-xs font-semibold text-red-800">({t("dashboard.retracted")})</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
