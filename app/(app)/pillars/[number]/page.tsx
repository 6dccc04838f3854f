import { Link } from "@/components/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { filterFromQuery, filterQueryString, narrowsThePlan } from "@/components/dashboard/filter-query";
import { withAsOf } from "@/components/as-of-banner";
import { MilestoneTable } from "@/components/milestone-table";
import { FollowButton } from "@/components/notifications/follow-button";
import { actorForPage, orNotFound, withUsableFilter } from "@/server/pages";
import { can } from "@/server/permissions";
import { pillarAsOf } from "@/server/rollups";
import { todayIso } from "@/server/validation";
import { PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";

type Props = { params: Promise<{ number: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function pillarNumber(raw: string): number {
  if (!/^[1-5]$/.test(raw)) notFound();
  return Number(raw);
}

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations("pillar");
  return { title: t("heading", { number: pillarNumber((await params).number), name: "" }).replace(/:\s*$/, "") };
}

export default async function PillarPage({ params, searchParams }: Props) {
  const actor = await actorForPage();
  const number = pillarNumber((await params).number);
  const filter = filterFromQuery(await searchParams);
  const [{ pillar, asOf, refused, shown }, t, format, planText] = await Promise.all([
    orNotFound(withUsableFilter((usable) => pillarAsOf(actor, number, usable), filter)),
    getTranslations(),
    getFormatter(),
    planTextStrings(),
  ]);
  const pastDay = asOf !== todayIso();
  const carried = pastDay ? asOf : undefined;
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("pillar.heading", { number: pillar.number, name: planText(pillar.name, pillar.nameEs) })}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        <PlanText en={pillar.description} es={pillar.descriptionEs} />
      </p>
      <FollowButton actor={actor} targetType="pillar" targetId={pillar.id} />
      {refused && (
        <p role="alert" className="mt-3 rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t("dashboard.invalidFilter")}
        </p>
      )}
      {(pastDay || narrowsThePlan(shown)) && (
        <p className="mt-3 rounded border border-slate-300 bg-brand-50 px-3 py-2 text-sm" data-testid="as-of">
          {pastDay && t("pillar.asOf", { date: format.dateTime(new Date(`${asOf}T00:00:00Z`), { dateStyle: "long" }) })}{" "}
          {narrowsThePlan(shown) && t("dashboard.filtered")}{" "}
          <Link href={`/${filterQueryString(shown)}`} className="text-brand-700 underline">
            {t("pillar.backToDashboard")}
          </Link>{" "}
          <Link href={`/pillars/${pillar.number}`} className="text-brand-700 underline">
            {t("pillar.showToday")}
          </Link>
        </p>
      )}
      {can(actor, "plan.manage") && (
        <p className="no-print mt-3 flex flex-wrap gap-6 text-sm">
          <Link href={`/admin/pillars/${pillar.id}/edit`} className="text-brand-700 underline-offset-2 hover:underline">
            {t("planAdmin.links.editPillar")}
          </Link>
          <Link href={`/admin/commitments/new?pillar=${pillar.id}`} className="text-brand-700 underline-offset-2 hover:underline">
            {t("planAdmin.links.newCommitment")}
          </Link>
        </p>
      )}
      <h2 className="mt-8 text-xl font-semibold">{t("pillar.commitmentsHeading")}</h2>
      {pillar.commitments.length === 0 && <p className="mt-2">{t("pillar.noCommitments")}</p>}
      <ul className="mt-4 space-y-6">
        {pillar.commitments.map((commitment) => (
          <li key={commitment.id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h3 className="text-lg font-semibold">
              <Link href={withAsOf(`/commitments/${commitment.id}`, carried)} className="text-brand-700 underline-offset-2 hover:underline">
                <PlanText en={commitment.title} es={commitment.titleEs} />
              </Link>
            </h3>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="font-medium">{t("pillar.leadParty")}</dt>
              <dd>{t(`leadParty.${commitment.leadParty}`)}</dd>
              <dt className="font-medium">{t("pillar.agencies")}</dt>
              <dd>{commitment.agencies.map(({ agency }) => agency.name).join("; ")}</dd>
            </dl>
            <MilestoneTable commitmentTitle={planText(commitment.title, commitment.titleEs)} milestones={commitment.milestones} asOf={asOf} pastDay={carried} />
          </li>
        ))}
      </ul>
    </>
  );
}
