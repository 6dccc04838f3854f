"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Table, TableHead } from "@/components/table";
import { VerdictPair } from "@/components/verdict-pair";
import { advancesScale, resultsScale } from "@/domain/assessment-scales";
import type { VerdictTrend } from "@/server/rollups";
import { chartFrame, ChartMarkers, markEveryPoint, tenth } from "./chart";
import { PlanText } from "@/components/plan-text";

// A client component although nothing on it is interactive, for the reason
// PillarCard is one: its props (a hundred verdicts) are a fraction of the
// elements it renders, which would otherwise travel in the page's RSC payload
// as well as in its HTML.

type Round = { id: string; title: string; titleEs: string | null; periodEnd: string };

// The plot sits between the two scales' words: advances on the left, results
// on the right, each in its line's colour; the rounds run along the bottom.
const { width, height, left, right, top, bottom, labelSize } = chartFrame({ left: 96, right: 104 });

/** A line chart of one pillar's two scales across rounds: x is the round, y the step on each scale (worst at the bottom). */
function TrendChart({ trend, rounds, label }: { trend: VerdictTrend; rounds: Round[]; label: string }) {
  const t = useTranslations();
  const format = useFormatter();
  const roundIndex = new Map(rounds.map((round, index) => [round.id, index]));
  // A little room at both ends, so that the first and last points clear the axes.
  const x = (index: number) => tenth(left + 14 + (rounds.length <= 1 ? (right - left - 28) / 2 : ((right - left - 28) * index) / (rounds.length - 1)));
  const y = (step: number, steps: number) => tenth(bottom - ((bottom - top) * step) / (steps - 1));
  const advances = trend.rounds.map((round) => `${x(roundIndex.get(round.roundId)!)},${y(round.advancesStep, advancesScale.length)}`).join(" ");
  const results = trend.rounds
    .filter((round) => round.resultsStep !== null)
    .map((round) => `${x(roundIndex.get(round.roundId)!)},${y(round.resultsStep!, resultsScale.length)}`)
    .join(" ");
  const periodEnd = (round: Round) => format.dateTime(new Date(`${round.periodEnd}T00:00:00Z`), { month: "short", year: "numeric", timeZone: "UTC" });
  // Every round has its tick; only the first and the last are named, as the
  // table below names every one and more would not fit.
  const named = rounds.length <= 1 ? rounds : [rounds[0]!, rounds[rounds.length - 1]!];
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="mt-2 h-auto w-full" role="img" aria-label={label} data-testid="trend-chart">
      <g fontSize={labelSize}>
        <text x={left - 6} y={top - 12} textAnchor="end" className="fill-sky-800 font-semibold">
          {t("dashboard.advancesLine")}
        </text>
        {advancesScale.map((word, step) => (
          <g key={word} className="fill-sky-800">
            <line x1={left - 4} x2={left} y1={y(step, advancesScale.length)} y2={y(step, advancesScale.length)} className="stroke-sky-800" />
            <text x={left - 6} y={y(step, advancesScale.length)} dy="0.35em" textAnchor="end">
              {t(`advances.${word}`)}
            </text>
          </g>
        ))}
        <text x={right + 6} y={top - 12} className="fill-orange-800 font-semibold">
          {t("dashboard.resultsLine")}
        </text>
        {resultsScale.map((word, step) => (
          <g key={word} className="fill-orange-800">
            <line x1={right} x2={right + 4} y1={y(step, resultsScale.length)} y2={y(step, resultsScale.length)} className="stroke-orange-800" />
            <text x={right + 6} y={y(step, resultsScale.length)} dy="0.35em">
              {t(`results.${word}`)}
            </text>
          </g>
        ))}
        <line x1={left} x2={left} y1={top} y2={bottom} className="stroke-sky-800" />
        <line x1={right} x2={right} y1={top} y2={bottom} className="stroke-orange-800" />
        <line x1={left} x2={right} y1={bottom} y2={bottom} className="stroke-slate-500" />
        {rounds.map((round, index) => (
          <line key={round.id} x1={x(index)} x2={x(index)} y1={bottom} y2={bottom + 4} className="stroke-slate-500" />
        ))}
        {named.map((round) => (
          <text key={round.id} x={x(roundIndex.get(round.id)!)} y={bottom + 16} textAnchor="middle" className="fill-slate-700">
            {periodEnd(round)}
          </text>
        ))}
        <text x={(left + right) / 2} y={height - 6} textAnchor="middle" className="fill-slate-700">
          {t("dashboard.roundsAxis")}
        </text>
      </g>
      <polyline points={advances} className="fill-none stroke-sky-700" strokeWidth={2.5} {...markEveryPoint("trend-advances")} />
      <polyline points={results} className="fill-none stroke-orange-700" strokeWidth={2.5} strokeDasharray="5 3" {...markEveryPoint("trend-results")} />
    </svg>
  );
}

/** Both scales of every pillar across rounds: a chart each and one table with every verdict. */
export function VerdictTrends({ trends }: { trends: { rounds: Round[]; pillars: VerdictTrend[] } }) {
  const t = useTranslations();
  return (
    <section aria-labelledby="trend-heading" className="mt-10">
      <h2 id="trend-heading" className="text-xl font-semibold">
        {t("dashboard.trendHeading")}
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("dashboard.trendIntro")}</p>
      <p className="mt-2 flex gap-6 text-xs" aria-hidden="true">
        <span>
          <span className="mr-1 inline-block h-2 w-4 bg-sky-700 align-middle" />
          {t("dashboard.advancesLine")}
        </span>
        <span>
          <span className="mr-1 inline-block h-2 w-4 bg-orange-700 align-middle" />
          {t("dashboard.resultsLine")}
        </span>
      </p>
      <ChartMarkers
        markers={[
          { id: "trend-advances", shape: "dot", className: "fill-sky-700" },
          { id: "trend-results", shape: "square", className: "fill-orange-700" },
        ]}
      />
      <ul className="mt-3 grid gap-4 lg:grid-cols-2">
        {trends.pillars.map((trend) => (
          <li key={trend.pillarId} className="rounded border border-slate-200 bg-white p-3">
            <p className="text-sm font-medium">
              {trend.number}. <PlanText en={trend.name} es={trend.nameEs} />
              {trend.advancesWithoutResults && (
                <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">⚑ {t("dashboard.advancesWithoutResults")}</span>
              )}
            </p>
            <TrendChart trend={trend} rounds={trends.rounds} label={t("dashboard.trendChart", { number: trend.number })} />
          </li>
        ))}
      </ul>
      <Table className="mt-4 w-full max-w-5xl border-collapse bg-white text-left text-sm [&_td]:p-2" testId="verdict-trends" caption={t("dashboard.trendHeading")}>
        <TableHead columns={[t("dashboard.pillarColumn"), ...trends.rounds.map((round) => <PlanText key={round.id} en={round.title} es={round.titleEs} />)]} />
        <tbody>
          {trends.pillars.map((trend) => (
            <tr key={trend.pillarId} className="border-b border-slate-200">
              <th scope="row" className="p-2 text-left font-normal">
                {trend.number}. <PlanText en={trend.name} es={trend.nameEs} />
                {trend.advancesWithoutResults && <span className="block text-xs font-semibold text-red-800">⚑ {t("dashboard.advancesWithoutResults")}</span>}
              </th>
              {trends.rounds.map((round) => {
                const verdict = trend.rounds.find((entry) => entry.roundId === round.id);
                return (
                  <td key={round.id}>
                    {/* Plain links, not next/link: one per pillar and round, each Link would be a client component to serialize, render and hydrate. */}
                    {verdict ? (
                      <a href={`/assessments/${verdict.assessmentId}`} className="link">
                        <VerdictPair advances={verdict.advances} results={verdict.results} />
                      </a>
                    ) : (
                      t("dashboard.notAssessed")
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
