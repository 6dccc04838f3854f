import { getTranslations } from "next-intl/server";
import type { Advances, AssessmentState, Results } from "@/server/db/generated/enums";

const stateStyles: Record<AssessmentState, string> = {
  draft: "bg-slate-200 text-slate-900",
  submitted: "bg-sky-100 text-sky-900",
  returned: "bg-amber-100 text-amber-950",
  published: "bg-emerald-100 text-emerald-900",
};

export async function AssessmentStateBadge({ state }: { state: AssessmentState }) {
  const t = await getTranslations("assessment.state");
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${stateStyles[state]}`}>{t(state)}</span>;
}

/** The verdict pair as words, "not rated yet" where a draft has no rating. */
export async function VerdictPair({ advances, results }: { advances: Advances | null; results: Results | null }) {
  const t = await getTranslations();
  return (
    <>
      {advances ? t(`advances.${advances}`) : t("assessment.notRated")} / {results ? t(`results.${results}`) : t("assessment.notRated")}
    </>
  );
}
