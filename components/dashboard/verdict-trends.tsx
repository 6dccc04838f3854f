"use client";

import { useTranslations } from "next-intl";
import { Table, TableHead } from "@/components/table";
import { VerdictPair } from "@/components/verdict-pair";
import type { VerdictTrend } from "@/server/rollups";
import { ChartMarkers, markEveryPoint, tenth } from "./chart";

// A client component although nothing on it is interactive, for the reason
// PillarCard is one: its props (a hundred verdicts) are a fraction of the
// elements it renders, which would otherwise travel in the page's RSC payload
// as well as in its HTML.

const width = 240;
const height = 90;
const pad = 10;

/** A small line chart of one pillar's two scales across rounds; x is the round, y the step on each scale (0 = worst). */
function TrendChart({ trend, roundIndex, label }: { trend: VerdictTrend; roundIndex: Map<string, number>; label: string }) {
  const x = (roundId: string) => tenth(pad + (roundIndex.size <= 1 ? 0 : ((width - 2 * pad) * roundIndex.get(roundId)!) / (roundIndex.size - 1)));
  const y = (step: number, steps: number) => tenth(height - pad - ((height - 2 * pad) * step) / (steps - 1));
  const advances = trend.rounds.map((round) => `${x(round.roundId)},${y(round.advancesStep, 4)}`).join(" ");
  const results = trend.rounds
    .filter((round) => round.resultsStep !== null)
    .map((round) => `${x(round.roundId)},${y(round.resultsStep!, 5)}`)
    .join(" ");
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="h-24 w-full max-w-xs" role="img" aria-label={label}>
      <polyline points={advances} className="fill-none stroke-sky-700" strokeWidth={2} {...markEveryPoint("trend-advances")} />
      <polyline points={results} className="fill-none stroke-orange-700" strokeWidth={2} strokeDasharray="4 3" {...markEveryPoint("trend-results")} />
    </svg>
  );
}

/** Both scales of every pillar across rounds: a chart each and one table with every verdict. */
export function VerdictTrends({ trends }: { trends: { rounds: { id: string; title: string }[]; pillars: VerdictTrend[] } }) {
  const t = useTranslations();
  const roundIndex = new Map(trends.rounds.map((round, index) => [round.id, index]));
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
      <ul className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {trends.pillars.map((trend) => (
          <li key={trend.pillarId} className="rounded border border-slate-200 bg-white p-3">
            <p className="text-sm font-medium">
              {`${trend.number}. ${trend.name}`}
              {trend.advancesWithoutResults && (
                <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">⚑ {t("dashboard.advancesWithoutResults")}</span>
              )}
            </p>
            <TrendChart trend={trend} roundIndex={roundIndex} label={t("dashboard.trendChart", { number: trend.number })} />
          </li>
        ))}
      </ul>
      <Table className="mt-4 w-full max-w-5xl border-collapse bg-white text-left text-sm [&_td]:p-2" testId="verdict-trends" caption={t("dashboard.trendHeading")}>
        <TableHead columns={[t("dashboard.pillarColumn"), ...trends.rounds.map((round) => round.title)]} />
        <tbody>
          {trends.pillars.map((trend) => (
            <tr key={trend.pillarId} className="border-b border-slate-200">
              <th scope="row" className="p-2 text-left font-normal">
                {`${trend.number}. ${trend.name}`}
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
