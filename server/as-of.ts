import "server-only";
import { z } from "zod";
import { initialStatus } from "../domain/milestone-status";
import { column, queryRows, rawRow } from "./db/raw-rows";
import type { MilestoneStatus } from "./db/generated/enums";
import { dateOnly, optionalCalendarDate, todayIso } from "./validation";

// The plan as it stood at the end of a chosen day: the overview, a pillar, a
// commitment and a milestone read "as of" the same day, so that what a page
// shows as of a day agrees with the page it was reached from.

/** A day to read the plan as of: none means today; a day after today has no figures yet. */
export const asOfDay = optionalCalendarDate.refine((day) => !day || day <= todayIso(), { message: "dateInFuture" });

/** The `asOf` of a page's address, alone. */
export const asOfFilter = z.object({ asOf: asOfDay });

/** The day after `asOf` at midnight UTC: everything strictly before it happened on or before that day. */
export function endOf(asOf: string): Date {
  return new Date(dateOnly(asOf).getTime() + 86_400_000);
}

/** Commitments and milestones that existed at `end`: created before it, not archived by then. */
export function existedAt(end: Date) {
  return { createdAt: { lt: end }, OR: [{ archivedAt: null }, { archivedAt: { gte: end } }] };
}

const statusThenRow = rawRow("milestoneStatus", { id: z.string(), status: column.milestoneStatus, completedOn: z.date().nullable() });

export interface StatusThen {
  status: MilestoneStatus;
  /** The completion day the update that set the status gave (completed only). */
  completedOn: Date | null;
}

/**
 * The status each milestone had at the end of the day `asOf`: the newest
 * status update made by then, or "not started" when there was none, as the
 * dashboard's figures count it. Milestones not found are left out.
 */
export async function statusesAsOf(milestoneIds: readonly string[], asOf: string): Promise<Map<string, StatusThen>> {
  const rows = await queryRows(statusThenRow)`
    SELECT m.id, COALESCE(last."newStatus"::text, ${initialStatus}::text) AS status, last."completedOn"
    FROM "Milestone" m
    LEFT JOIN LATERAL (
      SELECT su."newStatus", su."completedOn" FROM "StatusUpdate" su
      WHERE su."milestoneId" = m.id AND su."createdAt" < ${endOf(asOf)}
      ORDER BY su."createdAt" DESC, su.id DESC LIMIT 1) last ON true
    WHERE m.id = ANY(${milestoneIds}::text[])`;
  return new Map(rows.map(({ id, status, completedOn }) => [id, { status, completedOn }]));
}
