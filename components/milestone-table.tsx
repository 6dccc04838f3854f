import { Link } from "@/components/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { MilestoneStatus } from "@/server/db/generated/enums";
import { dueFlag } from "@/domain/milestone-status";
import { DueBadge, StatusBadge } from "./status-badge";
import { Table } from "@/components/table";
import { withAsOf } from "./as-of-banner";
import { PlanText } from "@/components/plan-text";

interface Row {
  id: string;
  title: string;
  titleEs: string | null;
  dueDate: Date;
  status: MilestoneStatus;
  owner?: { name: string } | null;
}

/**
 * A commitment's milestones: title (linked, carrying `pastDay` when a past day
 * is read), due date flagged overdue or due soon on the day `asOf`, optionally
 * owner, status.
 */
export async function MilestoneTable({
  commitmentTitle,
  milestones,
  asOf,
  pastDay,
  showOwner = false,
}: {
  commitmentTitle: string;
  milestones: Row[];
  asOf: string;
  pastDay?: string;
  showOwner?: boolean;
}) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  if (milestones.length === 0) return <p className="mt-3 text-sm">{t("pillar.noMilestones")}</p>;
  return (
    <Table className="mt-3 w-full text-left text-sm" caption={t("pillar.milestonesCaption", { title: commitmentTitle })}>
      <thead>
        <tr className="border-b border-slate-300">
          <th scope="col" className="py-1 pr-2">{t("pillar.milestoneColumn")}</th>
          <th scope="col" className="py-1 pr-2">{t("pillar.dueColumn")}</th>
          {showOwner && <th scope="col" className="py-1 pr-2">{t("milestone.owner")}</th>}
          <th scope="col" className="py-1">{t("pillar.statusColumn")}</th>
        </tr>
      </thead>
      <tbody>
        {milestones.map((milestone) => (
          <tr key={milestone.id} className="border-b border-slate-100">
            <td className="py-1 pr-2">
              <Link href={withAsOf(`/milestones/${milestone.id}`, pastDay)} className="text-brand-700 underline-offset-2 hover:underline">
                <PlanText en={milestone.title} es={milestone.titleEs} />
              </Link>
            </td>
            <td className="py-1 pr-2 whitespace-nowrap">
              {format.dateTime(milestone.dueDate, { dateStyle: "medium" })}
              <DueBadge flag={dueFlag(milestone.dueDate.toISOString().slice(0, 10), milestone.status, asOf)} />
            </td>
            {showOwner && <td className="py-1 pr-2">{milestone.owner?.name ?? t("commitment.noOwner")}</td>}
            <td className="py-1">
              <StatusBadge status={milestone.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
