import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { DashboardFilterForm } from "@/components/dashboard/filter-form";
import { filterFromQuery, filterQueryString, narrowsThePlan } from "@/components/dashboard/filter-query";
import { Indicators } from "@/components/dashboard/indicators";
import { PillarCard } from "@/components/dashboard/pillar-card";
import { VerdictTrends } from "@/components/dashboard/verdict-trends";
import { listAgencies } from "@/server/agencies";
import { listIndicators } from "@/server/indicators";
import { actorForPage, withUsableFilter } from "@/server/pages";
import { dashboardFigures } from "@/server/rollups";
import { todayIso } from "@/server/validation";
import { FilterFold } from "@/components/filter-fold";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("overview");
  return { title: t("title") };
}

export default async function OverviewPage({ searchParams }: Props) {
  const actor = await actorForPage();
  const query = await searchParams;
  const filter = filterFromQuery(query);
  const [{ rollups, trends, refused, shown }, agencies, t, format] = await Promise.all([
    withUsableFilter((usable) => dashboardFigures(actor, usable), filter),
    listAgencies(actor),
    getTranslations(),
    getFormatter(),
  ]);
  const indicators = await listIndicators(actor, rollups.asOf);
  // The milestone list shows today's milestones of the whole plan: a count of another day or scope would not match it.
  const linkCounts = rollups.asOf === todayIso() && !narrowsThePlan(shown);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("overview.title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("dashboard.intro")}</p>
      <FilterFold summary={t("dashboard.filters")}>
      <DashboardFilterForm values={shown} agencies={agencies} />
      </FilterFold>
      {refused && (
        <p role="alert" className="mt-3 rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t("dashboard.invalidFilter")}
          {filter.asOf && filter.asOf > todayIso() && <> {t("dashboard.futureDay", { date: format.dateTime(new Date(`${todayIso()}T00:00:00Z`), { dateStyle: "long" }) })}</>}
        </p>
      )}
      <p className="mt-3 text-sm font-medium" data-testid="as-of">
        {t("dashboard.figuresAsOf", { date: format.dateTime(new Date(`${rollups.asOf}T00:00:00Z`), { dateStyle: "long" }) })}
      </p>
      {narrowsThePlan(shown) && <p className="text-sm text-slate-700">{t("dashboard.filtered")}</p>}
      <p className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <a href={`/api/v1/pillars?${new URLSearchParams({ format: "csv", ...shown })}`} download className="text-brand-700 underline">
          {t("dashboard.downloadFigures")}
        </a>
        <a href="/api/v1/status-updates?format=csv" download className="text-brand-700 underline">
          {t("dashboard.downloadHistory")}
        </a>
      </p>
      <ClientMessages of={["components/dashboard/pillar-card", "components/dashboard/verdict-trends"]}>
        <ol className="mt-4 grid gap-4 md:grid-cols-2" aria-label={t("dashboard.pillarsLabel")}>
          {rollups.pillars.map((pillar) => (
            <PillarCard key={pillar.id} pillar={pillar} drillDownQuery={filterQueryString(shown)} linkCounts={linkCounts} />
          ))}
        </ol>
        <VerdictTrends trends={trends} />
      </ClientMessages>
      <Indicators indicators={indicators} />
    </>
  );
}
