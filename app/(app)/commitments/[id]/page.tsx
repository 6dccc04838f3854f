import { Link } from "@/components/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AsOfBanner, withAsOf } from "@/components/as-of-banner";
import { ComparisonTable } from "@/components/assessments/comparison-table";
import { AssessmentTable } from "@/components/assessments/assessment-table";
import { EvidenceList } from "@/components/evidence-list";
import { MilestoneTable } from "@/components/milestone-table";
import { FollowButton } from "@/components/notifications/follow-button";
import { recordPageMetadata } from "@/components/page-title";
import { listAssessments, selfAssessmentComparisons } from "@/server/assessments";
import { commitmentAsOf } from "@/server/commitments";
import { actorForPage, asOfOfAddress, recordAsOfForPage } from "@/server/pages";
import { can } from "@/server/permissions";
import { todayIso } from "@/server/validation";
import { PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params, searchParams }: Props) {
  const { commitment } = await recordAsOfForPage(commitmentAsOf, (await params).id, asOfOfAddress(await searchParams));
  return recordPageMetadata((await planTextStrings())(commitment.title, commitment.titleEs), "commitment");
}

export default async function CommitmentPage({ params, searchParams }: Props) {
  const actor = await actorForPage();
  const { id } = await params;
  const [{ commitment, asOf, refused }, t, format, planText] = await Promise.all([
    recordAsOfForPage(commitmentAsOf, id, asOfOfAddress(await searchParams)),
    getTranslations(),
    getFormatter(),
    planTextStrings(),
  ]);
  const pastDay = asOf === todayIso() ? undefined : asOf;
  const [assessments, comparisons] = await Promise.all([
    listAssessments(actor, { commitment: commitment.id }),
    selfAssessmentComparisons(actor, { commitment: commitment.id }),
  ]);
  const date = (value: Date | null) => (value ? format.dateTime(value, { dateStyle: "medium" }) : t("commitment.notSet"));
  return (
    <>
      <p className="text-sm">
        <Link href={withAsOf(`/pillars/${commitment.pillar.number}`, pastDay)} className="text-brand-700 underline-offset-2 hover:underline">
          {t("commitment.pillarLink", { number: commitment.pillar.number, name: planText(commitment.pillar.name, commitment.pillar.nameEs) })}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">
        <PlanText en={commitment.title} es={commitment.titleEs} />
      </h1>
      <AsOfBanner record="commitment" pastDay={pastDay} refused={refused} todayHref={`/commitments/${commitment.id}`} />
      {commitment.archivedAt && (
        <p className="mt-3 max-w-3xl rounded border border-slate-400 bg-slate-100 px-3 py-2 text-sm">{t("planAdmin.links.archivedBanner")}</p>
      )}
      {can(actor, "plan.manage") && (
        <p className="no-print mt-3 flex flex-wrap gap-6 text-sm">
          <Link href={`/admin/commitments/${commitment.id}/edit`} className="text-brand-700 underline-offset-2 hover:underline">
            {commitment.archivedAt ? t("planAdmin.links.editOrRestoreCommitment") : t("planAdmin.links.editCommitment")}
          </Link>
          {!commitment.archivedAt && (
            <Link href={`/admin/milestones/new?commitment=${commitment.id}`} className="text-brand-700 underline-offset-2 hover:underline">
              {t("planAdmin.links.newMilestone")}
            </Link>
          )}
        </p>
      )}
      <FollowButton actor={actor} targetType="commitment" targetId={commitment.id} />
      <dl className="mt-4 grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-medium">{t("commitment.description")}</dt>
        <dd>
          <PlanText en={commitment.description} es={commitment.descriptionEs} />
        </dd>
        <dt className="font-medium">{t("pillar.leadParty")}</dt>
        <dd>{t(`leadParty.${commitment.leadParty}`)}</dd>
        <dt className="font-medium">{t("pillar.agencies")}</dt>
        <dd>{commitment.agencies.map(({ agency }) => agency.name).join("; ")}</dd>
        <dt className="font-medium">{t("commitment.start")}</dt>
        <dd>{date(commitment.startDate)}</dd>
        <dt className="font-medium">{t("commitment.target")}</dt>
        <dd>{date(commitment.targetDate)}</dd>
        <dt className="font-medium">{t("commitment.owner")}</dt>
        <dd>{commitment.owner?.name ?? t("commitment.noOwner")}</dd>
        <dt className="font-medium">{t("commitment.source")}</dt>
        <dd>{commitment.sourceCitation}</dd>
      </dl>
      <h2 className="mt-8 text-xl font-semibold">{t("commitment.milestonesHeading")}</h2>
      <MilestoneTable commitmentTitle={planText(commitment.title, commitment.titleEs)} milestones={commitment.milestones} asOf={asOf} pastDay={pastDay} showOwner />
      <h2 className="mt-8 text-xl font-semibold">{t("commitment.evidenceHeading")}</h2>
      <EvidenceList items={commitment.evidence} empty={t("commitment.noEvidence")} />
      <h2 className="mt-8 text-xl font-semibold">{t("commitment.assessmentsHeading")}</h2>
      {assessments.length === 0 ? (
        <p className="mt-2 text-sm">{t("commitment.noAssessments")}</p>
      ) : (
        <AssessmentTable rows={assessments} firstColumn="round" />
      )}
      {comparisons.length > 0 && (
        <>
          <h3 className="mt-6 text-lg font-semibold">{t("rounds.comparisonHeading")}</h3>
          <p className="mt-1 text-sm text-slate-700">{t("rounds.comparisonIntro")}</p>
          <ComparisonTable rows={comparisons} firstColumn="round" />
        </>
      )}
    </>
  );
}
