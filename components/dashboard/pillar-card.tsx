"use client";

import { useFormatter, useTranslations } from "next-intl";
import { StatusBar } from "@/components/status-bar";
import { StatusCountTable } from "@/components/status-count-table";
import { VerdictPair } from "@/components/verdict-pair";
import { delayCauses } from "@/domain/milestone-status";
import type { PillarRollup } from "@/server/rollups";
import { PlanText, usePlanTextString } from "@/components/plan-text";

// A client component although nothing on it is interactive: its props are the
// pillar's figures, a few hundred bytes, where a server component's rendered
// elements would travel in the page's RSC payload as well as in its HTML
// (about 4 KB a card, which the server serializes and renders twice on every
// request; docs/benchmarks.md, seventh measurement).

/** A count, linked to the milestone list it counts when `href` is given. */
function Figure({ count, href }: { count: number; href: string | null }) {
  return href ? (
    <a href={href} className="link underline">
      {count}
    </a>
  ) : (
    <>{count}</>
  );
}

/**
 * One pillar's figures on the dashboard: the status bar and its table, the counts and the latest verdict.
 * `drillDownQuery` carries the dashboard's day and filters to the pillar's page. With `linkCounts`
 * (today's figures of the whole plan, which the milestone list shows) each count links to its milestones.
 */
export function PillarCard({ pillar, drillDownQuery, linkCounts }: { pillar: PillarRollup; drillDownQuery: string; linkCounts: boolean }) {
  const t = useTranslations();
  const format = useFormatter();
  const planText = usePlanTextString();
  const verdict = pillar.latestVerdict;
  const listOf = (filter: Record<string, string>) => (linkCounts ? `/milestones?${new URLSearchParams({ pillar: String(pillar.number), ...filter })}` : null);
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid={`pillar-card-${pillar.number}`}>
      <h2 className="text-lg font-semibold">
        <a href={`/pillars/${pillar.number}${drillDownQuery}`} className="link">
          {pillar.number}. <PlanText en={pillar.name} es={pillar.nameEs} />
        </a>
      </h2>
      <p className="mt-1 text-sm">{t("overview.milestones", { count: pillar.milestoneCount })}</p>
      <StatusBar counts={pillar} label={t("dashboard.statusBar")} />
      <StatusCountTable
        counts={pillar.milestonesByStatus}
        words={{ caption: t("overview.byStatusCaption", { number: pillar.number }), statusColumn: t("overview.statusColumn"), countColumn: t("overview.countColumn") }}
        swatches
        renderCount={(count, status) => <Figure count={count} href={listOf({ status })} />}
      />
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">{t("dashboard.percentCompleted")}</dt>
        <dd data-testid="percent-completed">
          {pillar.percentCompleted === null ? t("dashboard.noMilestones") : t("dashboard.percentValue", { fraction: pillar.percentCompleted / 100 })}
        </dd>
        <dt className="font-medium">{t("dashboard.overdue")}</dt>
        <dd data-testid="overdue">
          <Figure count={pillar.overdue} href={listOf({ urgency: "overdue" })} />
        </dd>
        <dt className="font-medium">{t("dashboard.atRisk")}</dt>
        <dd data-testid="at-risk">
          <Figure count={pillar.atRisk} href={listOf({ status: "at_risk" })} />
        </dd>
        <dt className="font-medium">{t("dashboard.delays")}</dt>
        <dd>
          {delayCauses.every((cause) => pillar.delaysByCause[cause] === 0)
            ? t("dashboard.noDelays")
            : delayCauses
                .filter((cause) => pillar.delaysByCause[cause] > 0)
                .map((cause) => `${t(`cause.${cause}`)}: ${pillar.delaysByCause[cause]}`)
                .join(" · ")}
        </dd>
        <dt className="font-medium">{t("dashboard.lastUpdate")}</dt>
        <dd>
          {pillar.lastStatusUpdateAt === null
            ? t("dashboard.never")
            : `${format.dateTime(new Date(pillar.lastStatusUpdateAt), { dateStyle: "medium" })} (${t("dashboard.daysAgo", { days: pillar.daysSinceLastStatusUpdate ?? 0 })})`}
        </dd>
        <dt className="font-medium">{t("dashboard.verdict")}</dt>
        <dd data-testid="latest-verdict">
          {verdict ? (
            <>
              <a href={`/assessments/${verdict.assessmentId}`} className="link underline">
                <VerdictPair advances={verdict.advances} results={verdict.results} />
              </a>{" "}
              {t("dashboard.inRound", { round: planText(verdict.roundTitle, verdict.roundTitleEs) })}
            </>
          ) : (
            t("dashboard.noVerdict")
          )}
        </dd>
      </dl>
    </li>
  );
}
