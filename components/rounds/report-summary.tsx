import { getFormatter, getTranslations } from "next-intl/server";
import { FrozenEnglish } from "@/components/rounds/frozen-english";
import { Section } from "@/components/section";
import { StatusBadge } from "@/components/status-badge";
import { Table, TableHead } from "@/components/table";
import { VerdictPair } from "@/components/verdict-pair";
import type { Advances, MilestoneStatus, Results } from "@/server/db/generated/enums";
import { milestoneStatuses } from "@/domain/milestone-status";

// The parts of a round report that the signed-in report page and the public
// one show alike: the summary of the pillars and each pillar's milestones by
// status as the period ended.

interface SummaryPillar {
  number: number;
  name: string;
  /** The independent verdict of the whole pillar in the round, if one was published. */
  verdict: { advances: Advances | null; results: Results | null } | null;
  milestoneCount: number;
  percentCompleted: number | null;
  overdue: number;
  atRisk: number;
}

/** The pillars' verdicts and figures in one table, and how many self-assessments stand two or more steps from the verdict. */
export async function ReportSummary({ pillars, flagged }: { pillars: SummaryPillar[]; flagged: number }) {
  const t = await getTranslations();
  const percent = (value: number | null) => (value === null ? "—" : t("dashboard.percentValue", { fraction: value / 100 }));
  return (
    <Section id="summary-heading" title={t("report.summaryHeading")} className="mt-6">
      <Table className="mt-2 w-full border-collapse text-left text-sm" testId="report-summary" caption={t("report.summaryHeading")}>
        <TableHead columns={[t("report.pillarColumn"), t("report.verdictColumn"), t("report.milestonesColumn"), t("report.completedColumn"), t("report.overdueColumn"), t("report.atRiskColumn")]} />
        <tbody>
          {pillars.map((pillar) => (
            <tr key={pillar.number} className="border-b border-slate-200">
              <th scope="row" className="py-1 pr-2 text-left font-normal">
                {pillar.number}. <FrozenEnglish>{pillar.name}</FrozenEnglish>
              </th>
              <td className="py-1 pr-2">{pillar.verdict ? <VerdictPair advances={pillar.verdict.advances} results={pillar.verdict.results} /> : t("report.noVerdict")}</td>
              <td className="py-1 pr-2 tabular-nums">{pillar.milestoneCount}</td>
              <td className="py-1 pr-2 tabular-nums">{percent(pillar.percentCompleted)}</td>
              <td className="py-1 pr-2 tabular-nums">{pillar.overdue}</td>
              <td className="py-1 pr-2 tabular-nums">{pillar.atRisk}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <p className="mt-2 text-sm">{t("report.flaggedPairs", { count: flagged })}</p>
    </Section>
  );
}

/** A pillar's milestones by status on the day the report's figures stand (a heading of level 3, then the table). */
export async function ReportFigures({ number, milestonesByStatus, asOf }: { number: number; milestonesByStatus: Record<MilestoneStatus, number>; asOf: string }) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  return (
    <>
      <h3 className="mt-3 font-semibold">{t("report.figuresHeading", { date: format.dateTime(new Date(`${asOf}T00:00:00Z`), { dateStyle: "long" }) })}</h3>
      <table className="mt-1 text-left text-sm">
        <caption className="sr-only">{t("overview.byStatusCaption", { number })}</caption>
        <TableHead columns={[t("overview.statusColumn"), t("overview.countColumn")]} />
        <tbody>
          {milestoneStatuses.map((status) => (
            <tr key={status}>
              <th scope="row" className="py-0.5 pr-4 text-left font-normal">
                <StatusBadge status={status} />
              </th>
              <td className="py-0.5 tabular-nums">{milestonesByStatus[status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
