import "server-only";
import { z } from "zod";
import { reminderDaysBefore, urgencyDays } from "../domain/limits";
import { db } from "./db/client";
import { Prisma } from "./db/generated/client";
import { queryRows, rawRow } from "./db/raw-rows";
import { defineJob } from "./jobs/worker";
import { addNotifications, wantsKind } from "./notifications";
import { rolesWith } from "./permissions";
import { isoDate } from "./validation";

// The day's reminders, computed in SQL over the whole plan, each through the
// notification ledger's unique key (recipient, kind, record, period): a
// second worker, or a run after a restart, finds every row there already and
// adds nothing. The period of a milestone's reminder is its due date (or, for
// a stale one, the day of its last update), so a moved due date is reminded
// of anew.

function openMilestones(): Prisma.Sql {
  return Prisma.sql`
    FROM "Milestone" m
    JOIN "Commitment" c ON c.id = m."commitmentId"`;
}

const stillToDo = Prisma.sql`m."archivedAt" IS NULL AND c."archivedAt" IS NULL AND m.status NOT IN ('completed', 'cancelled')`;

/** Who hears of a milestone's due date: its owner and the staff of its commitment's agencies. */
function ownerAndAgencyStaff(): Prisma.Sql {
  return Prisma.sql`
    CROSS JOIN LATERAL (
      SELECT m."ownerId" AS id WHERE m."ownerId" IS NOT NULL
      UNION
      SELECT s.id FROM "CommitmentAgency" ca JOIN "User" s ON s."agencyId" = ca."agencyId"
        WHERE ca."commitmentId" = c.id AND s.roles && ${[...rolesWith("milestone.updateStatus")]}::"Role"[]
    ) r`;
}

function insert(kind: string, select: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "Notification" (id, "recipientId", kind, "recordType", "recordId", period, "values", link)
    SELECT gen_random_uuid()::text, r.id, ${kind}::"NotificationKind", 'Milestone', m.id, x.period, x."values", '/milestones/' || m.id
    ${select}`;
}

/**
 * How many milestones' reminders one transaction writes at most: the first
 * run on a large plan finds thousands overdue, more than a transaction may
 * take time for; each transaction's reminders of a kind come to a person in
 * one email.
 */
const reminderBatchSize = 1000;

const milestoneIdRow = rawRow("milestoneId", { id: z.string() });

/**
 * Writes the reminders of the day `today` (an ISO day) that are not in the
 * ledger yet: due in 14 and in 3 days, overdue the day after (or on the first
 * run after it, within a week), overdue for more than 30 days to the managers
 * too, stale for 90 days to the owner; and, for rounds still open whose period
 * has ended with pillars not assessed, to the managers. Each kind is written
 * for `batchSize` milestones at a time, a transaction each. Answers how many of
 * each kind it added.
 */
export async function computeReminders(today: string, { batchSize = reminderBatchSize }: { batchSize?: number } = {}) {
  const day = Prisma.sql`${today}::date`;
  const values = (extra: Prisma.Sql) => Prisma.sql`jsonb_strip_nulls(jsonb_build_object('title', m.title, 'titleEs', m."titleEs", 'dueDate', m."dueDate"::text${extra}))`;
  const managers = Prisma.sql`SELECT id FROM "User" WHERE roles && ${[...rolesWith("assessment.decide")]}::"Role"[]`;
  const statements: { kind: string; sql: Prisma.Sql }[] = [
    ...reminderDaysBefore.map((days) => ({
      kind: "milestone_due_soon",
      sql: Prisma.sql`${openMilestones()} ${ownerAndAgencyStaff()}
        CROSS JOIN LATERAL (SELECT 'due-' || ${days}::int || ':' || m."dueDate"::text AS period, ${values(Prisma.sql`, 'days', ${days}::int`)} AS "values") x
        WHERE ${stillToDo} AND m."dueDate" = ${day} + ${days}::int`,
    })),
    {
      kind: "milestone_overdue",
      sql: Prisma.sql`${openMilestones()} ${ownerAndAgencyStaff()}
        CROSS JOIN LATERAL (SELECT m."dueDate"::text AS period, ${values(Prisma.empty)} AS "values") x
        WHERE ${stillToDo} AND m."dueDate" < ${day} AND m."dueDate" >= ${day} - 7`,
    },
    {
      kind: "milestone_escalation",
      sql: Prisma.sql`${openMilestones()}
        CROSS JOIN LATERAL (${managers}) r
        CROSS JOIN LATERAL (SELECT m."dueDate"::text AS period, ${values(Prisma.sql`, 'days', ${urgencyDays.escalate}::int`)} AS "values") x
        WHERE ${stillToDo} AND m."dueDate" < ${day} - ${urgencyDays.escalate}::int`,
    },
    {
      kind: "milestone_stale",
      sql: Prisma.sql`${openMilestones()}
        CROSS JOIN LATERAL (SELECT coalesce(max(su."createdAt"), m."createdAt") AS at FROM "StatusUpdate" su WHERE su."milestoneId" = m.id) last
        CROSS JOIN LATERAL (SELECT m."ownerId" AS id WHERE m."ownerId" IS NOT NULL) r
        CROSS JOIN LATERAL (SELECT (last.at AT TIME ZONE 'UTC')::date::text AS period, ${values(Prisma.sql`, 'days', ${urgencyDays.stale}::int`)} AS "values") x
        WHERE ${stillToDo} AND (last.at AT TIME ZONE 'UTC')::date <= ${day} - ${urgencyDays.stale}::int`,
    },
  ];
  // Each statement in its own transaction, with the emails at once of the reminders it adds.
  const add = (insertSql: Prisma.Sql) => db().$transaction((tx) => addNotifications(tx, insertSql));
  const counts: Record<string, number> = {};
  for (const { kind, sql } of statements) {
    const wanted = Prisma.sql`${sql} AND EXISTS (SELECT 1 FROM "User" u WHERE u.id = r.id AND u.active) AND ${wantsKind(Prisma.sql`r.id`, Prisma.sql`${kind}::"NotificationKind"`)}`;
    // The milestones with a reminder of the kind not yet in the ledger, found once; then written a batch of milestones at a time.
    const due = await queryRows(milestoneIdRow)`
      SELECT DISTINCT m.id ${wanted}
        AND NOT EXISTS (SELECT 1 FROM "Notification" n WHERE n."recipientId" = r.id AND n.kind = ${kind}::"NotificationKind" AND n."recordId" = m.id AND n.period = x.period)
      ORDER BY m.id`;
    counts[kind] ??= 0;
    for (let start = 0; start < due.length; start += batchSize) {
      const batch = due.slice(start, start + batchSize).map((milestone) => milestone.id);
      counts[kind] += await add(insert(kind, Prisma.sql`${wanted} AND m.id = ANY(${batch}::text[])`));
    }
  }
  counts.round_period_ended = await add(Prisma.sql`
    INSERT INTO "Notification" (id, "recipientId", kind, "recordType", "recordId", period, "values", link)
    SELECT gen_random_uuid()::text, u.id, 'round_period_ended', 'AssessmentRound', ar.id, ar."periodEnd"::text,
      jsonb_strip_nulls(jsonb_build_object('title', ar.title, 'titleEs', ar."titleEs", 'periodEnd', ar."periodEnd"::text, 'missing', missing.pillars)), '/rounds/' || ar.id
    FROM "AssessmentRound" ar
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS pillars FROM "Pillar" p
      WHERE NOT EXISTS (SELECT 1 FROM "Assessment" a WHERE a."roundId" = ar.id AND a."pillarId" = p.id AND a.kind = 'independent' AND a.state IN ('submitted', 'published'))
    ) missing
    JOIN "User" u ON u.id IN (${managers}) AND u.active AND ${wantsKind(Prisma.sql`u.id`, Prisma.sql`'round_period_ended'::"NotificationKind"`)}
    WHERE ar.status = 'open' AND ar."periodEnd" < ${day} AND missing.pillars > 0`);
  return counts;
}

/** Every day at 05:00 UTC, once however many workers run; the day is the worker's clock's. */
export const remindersJob = defineJob<object>({
  name: "notifications.reminders",
  schedule: "0 5 * * *",
  handle: async (_data, context) => {
    await computeReminders(isoDate(context.now));
  },
});
