import type { ReactNode } from "react";
import { StatusBadge } from "@/components/status-badge";
import { StatusSwatch } from "@/components/status-bar";
import { milestoneStatuses } from "@/domain/milestone-status";
import type { MilestoneStatus } from "@/server/db/generated/enums";

// A pillar's milestones by status as a table, a row per status it has: for the
// dashboard's pillar cards, the public overview and the embeddable pillar card.
// Like the status bar it takes its words as props and reads no hook itself, so
// that a server component and a client component draw it alike; each says how
// a count reads (a link to the milestones it counts, a formatted number).

/** The table's words: its caption and its two column headings, which only screen readers meet. */
interface StatusCountWords {
  caption: string;
  statusColumn: string;
  countColumn: string;
}

/**
 * The statuses that have milestones, each with its badge and `renderCount` of its count.
 * `swatches` puts each status's colour in the status bar beside its row, where the bar is drawn.
 */
export function StatusCountTable({
  counts,
  words,
  swatches,
  renderCount,
}: {
  counts: Record<MilestoneStatus, number>;
  words: StatusCountWords;
  swatches: boolean;
  renderCount: (count: number, status: MilestoneStatus) => ReactNode;
}) {
  return (
    <table className="mt-2 w-full text-sm">
      <caption className="sr-only">{words.caption}</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">{words.statusColumn}</th>
          <th scope="col">{words.countColumn}</th>
        </tr>
      </thead>
      <tbody>
        {milestoneStatuses
          .filter((status) => counts[status] > 0)
          .map((status) => (
            <tr key={status}>
              <th scope="row" className="py-0.5 text-left font-normal">
                {swatches && <StatusSwatch status={status} />}
                <StatusBadge status={status} />
              </th>
              <td className="py-0.5 text-right tabular-nums" data-testid={`count-${status}`}>
                {renderCount(counts[status], status)}
              </td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
