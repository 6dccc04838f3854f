import { getTranslations } from "next-intl/server";
import type { AssessmentState } from "@/server/db/generated/enums";

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
