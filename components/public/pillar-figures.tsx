import { getTranslations } from "next-intl/server";
import { StatusCountTable } from "@/components/status-count-table";
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
      <StatusCountTable
        counts={pillar.milestonesByStatus}
        words={{ caption: t("byStatusCaption", { number: pillar.number }), statusColumn: t("statusColumn"), countColumn: t("countColumn") }}
        swatches={false}
        renderCount={(count) => count}
      />
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">{t("percentCompleted")}</dt>
        <dd data-testid="percent-completed">{pillar.percentCompleted === null ? t("noMilestones") : t("percentValue", { fraction: pillar.percentCompleted / 100 })}</dd>
        <dt className="font-medium">{t("overdue")}</dt>
        <dd data-testid="overdue">{pillar.overdue}</dd>
      </dl>
    </li>
  );
}
