import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableHead } from "@/components/table";
import type { IndicatorSeries } from "@/server/indicators";
import { ChartMarkers, markEveryPoint, tenth } from "./chart";

const width = 260;
const height = 100;
const pad = 10;

/** Observations as a line, with the baseline and target as dashed levels. */
function IndicatorChart({ indicator, label }: { indicator: IndicatorSeries; label: string }) {
  const values = [...indicator.observations.map((o) => o.value), indicator.baselineValue, indicator.targetValue].filter((v): v is number => v !== null);
  const days = [...indicator.observations.map((o) => o.observedOn), indicator.baselineDate, indicator.targetDate]
    .filter((d): d is string => d !== null)
    .map((d) => Date.parse(d));
  if (values.length === 0 || days.length === 0) return null;
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const [first, last] = [Math.min(...days), Math.max(...days)];
  const x = (day: string) => tenth(pad + (last === first ? 0 : ((width - 2 * pad) * (Date.parse(day) - first)) / (last - first)));
  const y = (value: number) => tenth(height - pad - (high === low ? 0.5 : (value - low) / (high - low)) * (height - 2 * pad));
  const points = indicator.observations.map((o) => `${x(o.observedOn)},${y(o.value)}`).join(" ");
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="h-24 w-full max-w-xs" role="img" aria-label={label}>
      {indicator.baselineValue !== null && <line x1={pad} x2={width - pad} y1={y(indicator.baselineValue)} y2={y(indicator.baselineValue)} className="stroke-slate-500" strokeDasharray="2 3" />}
      {indicator.targetValue !== null && <line x1={pad} x2={width - pad} y1={y(indicator.targetValue)} y2={y(indicator.targetValue)} className="stroke-emerald-700" strokeDasharray="6 3" />}
      <polyline points={points} className="fill-none stroke-brand-700" strokeWidth={2} {...markEveryPoint("observation")} />
    </svg>
  );
}

/** Each indicator against its baseline and target: a chart and the table of its observations with their sources. */
export async function Indicators({ indicators }: { indicators: IndicatorSeries[] }) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const day = (iso: string | null) => (iso ? format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium" }) : "");
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
          <li key={indicator.id} className="rounded border border-slate-200 bg-white p-4" data-testid="indicator">
            <h3 className="font-semibold">
              {indicator.pillar.number}. {indicator.name} <span className="font-normal text-slate-600">({indicator.unit})</span>
            </h3>
            <p className="text-xs text-slate-600">
              {indicator.better === "higher" ? t("dashboard.betterHigher") : t("dashboard.betterLower")} · {t("dashboard.baseline")}:{" "}
              {level(indicator.baselineValue, indicator.baselineDate)} · {t("dashboard.target")}: {level(indicator.targetValue, indicator.targetDate)}
            </p>
            <IndicatorChart indicator={indicator} label={t("dashboard.indicatorChart", { name: indicator.name })} />
            {indicator.observations.length === 0 ? (
              <p className="text-sm">{t("dashboard.noObservations")}</p>
            ) : (
              <Table className="mt-2 w-full text-left text-sm" caption={indicator.name}>
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
