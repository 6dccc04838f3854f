import { getFormatter, getTranslations } from "next-intl/server";
import { DashboardFilterForm } from "@/components/dashboard/filter-form";
import { Indicators } from "@/components/dashboard/indicators";
import { PillarCard } from "@/components/dashboard/pillar-card";
import { VerdictTrends } from "@/components/dashboard/verdict-trends";
import { listAgencies } from "@/server/agencies";
import { ValidationError } from "@/server/errors";
import { listIndicators } from "@/server/indicators";
import { actorForPage } from "@/server/pages";
import type { Actor } from "@/server/permissions";
import { dashboardFigures } from "@/server/rollups";
import { todayIso } from "@/server/validation";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const filterNames = ["asOf", "leadParty", "agency", "from", "to"] as const;

export async function generateMetadata() {
  const t = await getTranslations("overview");
  return { title: t("title") };
}

/** The figures for the filters in the address; a filter that cannot be used falls back to today's unfiltered figures, saying so. */
async function figures(actor: Actor, filter: Record<string, string>) {
  try {
    return { ...(await dashboardFigures(actor, filter)), refused: false };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { ...(await dashboardFigures(actor, {})), refused: true };
  }
}

export default async function OverviewPage({ searchParams }: Props) {
  const actor = await actorForPage();
  const query = await searchParams;
  const filter: Record<string, string> = {};
  for (const name of filterNames) {
    const value = query[name];
    if (typeof value === "string" && value !== "") filter[name] = value;
  }
  const [{ rollups, trends, refused }, agencies, t, format] = await Promise.all([figures(actor, filter), listAgencies(actor), getTranslations(), getFormatter()]);
  const indicators = await listIndicators(actor, rollups.asOf);
  const shown = refused ? {} : filter;
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("overview.title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("dashboard.intro")}</p>
      <DashboardFilterForm values={shown} agencies={agencies} today={todayIso()} />
      {refused && (
        <p role="alert" className="mt-3 rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t("dashboard.invalidFilter")}
        </p>
      )}
      <p className="mt-3 text-sm font-medium" data-testid="as-of">
        {t("dashboard.figuresAsOf", { date: format.dateTime(new Date(`${rollups.asOf}T00:00:00Z`), { dateStyle: "long" }) })}
      </p>
      {(shown.leadParty || shown.agency || shown.from || shown.to) && <p className="text-sm text-slate-700">{t("dashboard.filtered")}</p>}
      <ol className="mt-4 grid gap-4 md:grid-cols-2" aria-label={t("dashboard.pillarsLabel")}>
        {rollups.pillars.map((pillar) => (
          <PillarCard key={pillar.id} pillar={pillar} />
        ))}
      </ol>
      <VerdictTrends trends={trends} />
      <Indicators indicators={indicators} />
    </>
  );
}
