import { getTranslations } from "next-intl/server";
import { AssessmentTable } from "@/components/assessments/assessment-table";
import { EmptyFilterResult } from "@/components/empty-filter-result";
import { listAssessments } from "@/server/assessments";
import { AssessmentState } from "@/server/db/generated/enums";
import { actorForPage, orEmptyOnInvalidFilter } from "@/server/pages";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const filterNames = ["round", "state", "kind", "mine"] as const;

export async function generateMetadata() {
  const t = await getTranslations("assessmentList");
  return { title: t("title") };
}

/** The assessments one may see, filtered as the address says: where the worklist's counts of assessments lead. */
export default async function AssessmentsPage({ searchParams }: Props) {
  const actor = await actorForPage();
  const query = await searchParams;
  const filter = Object.fromEntries(
    filterNames.flatMap((name) => {
      const value = query[name];
      return typeof value === "string" && value !== "" ? [[name, value]] : [];
    }),
  );
  const [[rows], t] = await Promise.all([orEmptyOnInvalidFilter(listAssessments(actor, filter), []), getTranslations()]);
  const state = Object.values(AssessmentState).find((value) => value === filter.state);
  const shown = [filter.mine === "true" ? t("assessmentList.onlyMine") : null, state ? t(`assessment.state.${state}`) : null].filter((label) => label !== null);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("assessmentList.title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("assessmentList.intro")}</p>
      {shown.length > 0 && (
        <p className="mt-3 text-sm" data-testid="assessment-filters">
          {t("assessmentList.filteredBy", { filters: shown.join(" · ") })}
        </p>
      )}
      {rows.length === 0 ? (
        Object.keys(filter).length > 0 ? (
          <EmptyFilterResult message={t("assessmentList.noneMatch")} clearHref="/assessments" />
        ) : (
          <p className="mt-6 text-sm">{t("assessmentList.none")}</p>
        )
      ) : (
        <AssessmentTable rows={rows} firstColumn="roundAndSubject" />
      )}
    </>
  );
}
