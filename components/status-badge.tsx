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

const dueTones = {
  overdue: "bg-red-50 text-red-900 border-red-400",
  due_soon: "bg-amber-50 text-amber-900 border-amber-400",
} as const;

/** "Overdue" or "Due soon" beside a milestone's due date (domain/milestone-status.ts dueFlag); nothing otherwise. */
export function DueBadge({ flag }: { flag: keyof typeof dueTones | null }) {
  const t = useTranslations("dueFlag");
  if (!flag) return null;
  return (
    <span data-due={flag} className={`ml-2 inline-block rounded border px-2 py-0.5 text-xs font-medium ${dueTones[flag]}`}>
      {t(flag)}
    </span>
  );
}
