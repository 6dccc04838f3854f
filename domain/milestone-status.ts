import { DelayCause, MilestoneStatus } from "../server/db/generated/enums";
import { urgencyDays } from "./limits";

// The milestone statuses and causes of delay, and what each status means for
// the rules and the figures. The status update form in the browser needs them
// as much as the data-access layer, so this module imports nothing server-only
// (the generated enums are plain constants). Every meaning is written per
// status, in one record over all of them: a status added to
// prisma/schema.prisma does not type-check until it is decided here.

/** Every status, in the schema's order (the order forms and figures list them in). */
export const milestoneStatuses: readonly MilestoneStatus[] = Object.values(MilestoneStatus);

export const delayCauses: readonly DelayCause[] = Object.values(DelayCause);

/** The status of a milestone before its first status update (the schema's default). */
export const initialStatus = MilestoneStatus.not_started;

const meaning = {
  not_started: { namesCause: false, closed: false },
  in_progress: { namesCause: false, closed: false },
  at_risk: { namesCause: true, closed: false },
  delayed: { namesCause: true, closed: false },
  completed: { namesCause: false, closed: true },
  cancelled: { namesCause: false, closed: true },
} as const satisfies Record<MilestoneStatus, {
  /** A move to it names the cause of the delay; the dashboard counts delays by that cause. */
  namesCause: boolean;
  /** The milestone's work is over, done or dropped: it is never overdue nor urgent. */
  closed: boolean;
}>;

/** The statuses a move to which names its cause (at risk and delayed, in the design). */
export type StatusNamingACause = { [S in MilestoneStatus]: (typeof meaning)[S]["namesCause"] extends true ? S : never }[MilestoneStatus];

export const statusesNamingACause = milestoneStatuses.filter((status): status is StatusNamingACause => meaning[status].namesCause);

export const closedStatuses = milestoneStatuses.filter((status) => meaning[status].closed);

export function isMilestoneStatus(value: string): value is MilestoneStatus {
  return (milestoneStatuses as readonly string[]).includes(value);
}

/** Whether a move to this status names its cause; false for anything that is not a status. */
export function namesACause(status: string): boolean {
  return isMilestoneStatus(status) && meaning[status].namesCause;
}

/**
 * Whether a milestone of this status, due on this day (YYYY-MM-DD), is overdue or due soon on
 * `today`: the flag shown wherever a milestone appears, by the rule the lists' urgency follows
 * in SQL (server/milestones.ts). A closed milestone is neither.
 */
export function dueFlag(dueDate: string, status: MilestoneStatus, today: string): "overdue" | "due_soon" | null {
  if (meaning[status].closed) return null;
  if (dueDate < today) return "overdue";
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + urgencyDays.dueSoon * 86_400_000).toISOString().slice(0, 10);
  return dueDate <= soon ? "due_soon" : null;
}
