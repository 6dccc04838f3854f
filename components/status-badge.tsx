import { useTranslations } from "next-intl";
import type { MilestoneStatus } from "@/server/db/generated/enums";

// Colours chosen for at least 4.5:1 contrast of text on background.
const tones: Record<MilestoneStatus, string> = {
  not_started: "bg-slate-100 text-slate-800 border-slate-300",
  in_progress: "bg-sky-50 text-sky-900 border-sky-300",
  at_risk: "bg-amber-50 text-amber-900 border-amber-400",
  delayed: "bg-orange-50 text-orange-900 border-orange-400",
  completed: "bg-emerald-50 text-emerald-900 border-emerald-400",
  cancelled: "bg-zinc-100 text-zinc-700 border-zinc-400 line-through",
};

/** Synchronous, so that server pages and the dashboard's client components render the same badge. */
export function StatusBadge({ status }: { status: MilestoneStatus }) {
  const t = useTranslations("status");
  return (
    <span data-status={status} className={`inline-block rounded border px-2 py-0.5 text-xs font-medium ${tones[status]}`}>
      {t(status)}
    </span>
  );
}
