import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableHead } from "@/components/table";
import type { IndicatorSeries } from "@/server/indicators";
import { chartFrame, ChartMarkers, markEveryPoint, tenth } from "./chart";
import { PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";

// The plot sits between the value scale on the left and the baseline and
// target named at their lines' right ends; the days run along the bottom.
const { width, height, left, right, top, bottom, labelSize } = chartFrame({ left: 64, right: 76 });

/** Observations as a line, with the baseline and target as dashed levels, on labelled axes: values in the indicator's unit, days. */
function IndicatorChart({ indicator, label, words }: { indicator: IndicatorSeries; label: string; words: { unit: string; baseline: string; target: string; number: (value: number) => string; day: (iso: string) => string } }) {
  const values = [...indicator.observations.map((o) => o.value), indicator.baselineValue, indicator.targetValue].filter((v): v is number => v !== null);
  const days = [...indicator.observations.map((o) => o.observedOn), indicator.baselineDate, indicator.targetDate].filter((d): d is string => d !== null);
  if (values.length === 0 || days.length === 0) return null;
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const [first, last] = [days.reduce((a, b) => (a < b ? a : b)), days.reduce((a, b) => (a > b ? a : b))];
  const [firstTime, lastTime] = [Date.parse(first), Date.parse(last)];
  const x = (day: string) => tenth(left + 10 + (lastTime === firstTime ? (right - left - 20) / 2 : ((right - left - 20) * (Date.parse(day) - firstTime)) / (lastTime - firstTime)));
  const y = (value: number) => tenth(bottom - (high === low ? 0.5 : (value - low) / (high - low)) * (bottom - top));
  const points = indicator.observations.map((o) => `${x(o.observedOn)},${y(o.value)}`).join(" ");
  const levels = [
    { key: "baseline", value: indicator.baselineValue, word: words.baseline, className: "stroke-slate-600", textClass: "fill-slate-700", dash: "2 3" },
    { key: "target", value: indicator.targetValue, word: words.target, className: "stroke-emerald-700", textClass: "fill-emerald-800", dash: "6 3" },
  ];
  // The lowest and highest values, and a round one between them to read the others against.
  const ticks = [...new Set(high === low ? [low] : [low, Number(((low + high) / 2).toPrecision(2)), high])];
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="mt-2 h-auto w-full" role="img" aria-label={label} data-testid="indicator-chart">
      <g fontSize={labelSize}>
        <text x={left} y={top - 12} className="fill-slate-700 font-semibold">
          {words.unit}
        </text>
        {ticks.map((value) => (
          <g key={value} className="fill-slate-700">
            <line x1={left - 4} x2={left} y1={y(value)} y2={y(value)} className="stroke-slate-500" />
            <text x={left - 6} y={y(value)} dy="0.35em" textAnchor="end">
              {words.number(value)}
            </text>
          </g>
        ))}
        <line x1={left} x2={left} y1={top} y2={bottom} className="stroke-slate-500" />
        <line x1={left} x2={right} y1={bottom} y2={bottom} className="stroke-slate-500" />
        {[...new Set([first, last])].map((day) => (
          <text key={day} x={x(day)} y={bottom + 16} textAnchor="middle" className="fill-slate-700">
            {words.day(day)}
          </text>
        ))}
        {levels.map(
          (level) =>
            level.value !== null && (
              <g key={level.key}>
                <line x1={left} x2={right} y1={y(level.value)} y2={y(level.value)} className={level.className} strokeDasharray={level.dash} />
                <text x={right + 6} y={y(level.value)} dy="0.35em" className={level.textClass}>
                  {level.word}
                </text>
              </g>
            ),
        )}
      </g>
      <polyline points={points} className="fill-none stroke-brand-700" strokeWidth={2.5} {...markEveryPoint("observation")} />
    </svg>
  );
}

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
