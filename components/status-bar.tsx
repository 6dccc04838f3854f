import { milestoneStatuses } from "@/domain/milestone-status";
import type { MilestoneStatus } from "@/server/db/generated/enums";

// A pillar's milestones as one bar of a segment per status, for the dashboard's
// pillar cards and the public embeddable card. It takes its words as props and
// reads no hook, so that a server component and a client component draw it alike.

// Colours of the segments and of the swatches beside a table's rows (written
// out whole, so that Tailwind finds every class); the table carries the figures.
const colours: Record<MilestoneStatus, { fill: string; swatch: string }> = {
  not_started: { fill: "fill-slate-300", swatch: "bg-slate-300" },
  in_progress: { fill: "fill-sky-500", swatch: "bg-sky-500" },
  at_risk: { fill: "fill-amber-400", swatch: "bg-amber-400" },
  delayed: { fill: "fill-orange-600", swatch: "bg-orange-600" },
  completed: { fill: "fill-emerald-600", swatch: "bg-emerald-600" },
  cancelled: { fill: "fill-zinc-500", swatch: "bg-zinc-500" },
};

interface MilestoneCounts {
  milestoneCount: number;
  milestonesByStatus: Record<MilestoneStatus, number>;
}

/** Where each status's segment starts and how wide it is, in percent of the bar. */
function segments({ milestoneCount, milestonesByStatus }: MilestoneCounts) {
  let x = 0;
  return milestoneStatuses
    .filter((status) => milestonesByStatus[status] > 0)
    .map((status) => {
      const width = (100 * milestonesByStatus[status]) / milestoneCount;
      const segment = { status, x, width };
      x += width;
      return segment;
    });
}

/** The bar, named `label` for screen readers; nothing without milestones. Its figures belong in a table beside it. */
export function StatusBar({ counts, label }: { counts: MilestoneCounts; label: string }) {
  if (counts.milestoneCount === 0) return null;
  return (
    <svg className="mt-2 h-4 w-full rounded" viewBox="0 0 100 4" preserveAspectRatio="none" role="img" aria-label={label}>
      {segments(counts).map(({ status, x, width }) => (
        <rect key={status} x={x} y={0} width={width} height={4} className={colours[status].fill} />
      ))}
    </svg>
  );
}

/** The colour of a status's segment, beside its row of the table under the bar. */
export function StatusSwatch({ status }: { status: MilestoneStatus }) {
  return <span className={`mr-2 inline-block h-3 w-3 rounded-sm ${colours[status].swatch}`} aria-hidden="true" />;
}
