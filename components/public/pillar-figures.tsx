import { getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/status-badge";
import { milestoneStatuses } from "@/domain/milestone-status";
import type { PublicPillarFigures } from "@/server/public-record";
import { PlanText } from "@/components/plan-text";

/** One pillar's figures on the public overview: its milestones by status, percent completed and overdue. */
export async function PublicPillarCard({ pillar, href }: { pillar: PublicPillarFigures; href: string }) {
  const t = await getTranslations("public.overview");
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid={`public-pillar-${pillar.number}`}>
      <h2 className="text-lg font-semibold">
        <a href={href} className="text-brand-700 underline-offset-2 hover:underline">
          {pillar.number}. <PlanText en={pillar.name} es={pillar.nameEs} />
        </a>
      </h2>
      <p className="mt-1 text-sm text-slate-700"><PlanText en={pillar.description} es={pillar.descriptionEs} /></p>
      <p className="mt-2 text-sm">{t("milestones", { count: pillar.milestoneCount, commitments: pillar.commitmentCount })}</p>
      <table className="mt-2 w-full text-sm">
        <caption className="sr-only">{t("byStatusCaption", { number: pillar.number })}</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">{t("statusColumn")}</th>
            <th scope="col">{t("countColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {milestoneStatuses
            .filter((status) => pillar.milestonesByStatus[status] > 0)
            .map((status) => (
              <tr key={status}>
                <th scope="row" className="py-0.5 text-left font-normal">
                  <StatusBadge status={status} />
                </th>
                <td className="py-0.5 text-right tabular-nums" data-testid={`count-${status}`}>
                  {pillar.milestonesByStatus[status]}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">{t("percentCompleted")}</dt>
        <dd data-testid="percent-completed">{pillar.percentCompleted === null ? t("noMilestones") : t("percentValue", { fraction: pillar.percentCompleted / 100 })}</dd>
        <dt className="font-medium">{t("overdue")}</dt>
        <dd data-testid="overdue">{pillar.overdue}</dd>
      </dl>
    </li>
  );
}
