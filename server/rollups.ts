import "server-only";
import { z } from "zod";
import { advancesScale, resultsScale } from "../domain/assessment-scales";
import { closedStatuses, delayCauses, initialStatus, statusesNamingACause } from "../domain/milestone-status";
import { asOfDay, endOf, existedAt, statusesAsOf } from "./as-of";
import { db, type Transaction } from "./db/client";
import { column, queryRows, rawRow } from "./db/raw-rows";
import { atPlanRevision } from "./figures-cache";
import type { Advances, DelayCause, Results } from "./db/generated/enums";
import { AssessmentKind, AssessmentState, LeadParty as LeadParties } from "./db/generated/enums";
import { NotFoundError } from "./errors";
import { ensure, type Actor } from "./permissions";
import { fillStatusCounts, pillarColumns, type PillarSummary } from "./pillars";
import { blankToUndefined, dateOnly, isoDate, optionalCalendarDate, optionalRecordId, parseInput, todayIso } from "./validation";

// The managers' figures, computed in PostgreSQL from the status history, so
// that any past date gives the figures as they stood that day. One query for
// the milestone figures of every pillar, one for the verdicts across rounds,
// whatever the size of the plan. The milestone figures are sums of the changes
// the database keeps per year, month and day ("PlanFigureChange"), so that
// today and any past day cost the same few hundred rows; tests/db/rollups.test.ts
// holds them equal to the history replayed.

export const rollupFilter = z
  .object({
    asOf: asOfDay,
    leadParty: z.preprocess(blankToUndefined, z.enum(LeadParties).optional()),
    agency: optionalRecordId,
    from: optionalCalendarDate,
    to: optionalCalendarDate,
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, { path: ["to"], message: "periodEndBeforeStart" });

type RollupFilter = z.output<typeof rollupFilter>;

/** A pillar's summary (its commitments and milestones counted on the day, within the filters) and the managers' figures. */
export interface PillarRollup extends PillarSummary {
  /** Completed milestones among those not cancelled, 0–100, one decimal; null when there are none. */
  percentCompleted: number | null;
  overdue: number;
  atRisk: number;
  /** Milestones at risk or delayed on the day, by the cause their latest update named; every cause, 0 when none. */
  delaysByCause: Record<DelayCause, number>;
  lastStatusUpdateAt: string | null;
  daysSinceLastStatusUpdate: number | null;
  latestVerdict: Verdict | null;
}

interface Verdict {
  roundId: string;
  roundTitle: string;
  roundTitleEs: string | null;
  periodEnd: string;
  assessmentId: string;
  advances: Advances;
  results: Results;
}

const milestoneFiguresRow = rawRow("milestoneFigures", {
  ...pillarColumns,
  commitments: z.number().int(),
  total: z.number().int(),
  byStatus: column.statusCounts,
  overdue: z.number().int(),
  causes: z.partialRecord(column.delayCause, z.number().int()).nullable(),
  lastUpdateAt: z.date().nullable(),
});
type MilestoneFiguresRow = z.infer<typeof milestoneFiguresRow>;

/**
 * Milestone figures per pillar as they stood at the end of the day `asOf`
 * (today when not given). A milestone counts if it existed then (created
 * before the day ended, not yet archived); its status is the newest status
 * update made by then, or "not started" when there was none.
 */
function milestoneFigures(filter: RollupFilter, asOf: string): Promise<MilestoneFiguresRow[]> {
  const key = JSON.stringify(["milestoneFigures", asOf, filter.leadParty ?? null, filter.agency ?? null, filter.from ?? null, filter.to ?? null]);
  return atPlanRevision(key, () => computeMilestoneFigures(filter, asOf));
}

/**
 * The figures from the changes the database keeps per year, month and day
 * ("PlanFigureChange"), which answer any day whole or by lead party; an
 * agency or a range of due dates is not among what they are kept by, so those
 * are counted from the history itself.
 */
function computeMilestoneFigures(filter: RollupFilter, asOf: string): Promise<MilestoneFiguresRow[]> {
  return filter.agency || filter.from || filter.to ? replayMilestoneFigures(filter, asOf) : summedMilestoneFigures(filter, asOf);
}

async function summedMilestoneFigures(filter: RollupFilter, asOf: string): Promise<MilestoneFiguresRow[]> {
  const end = endOf(asOf);
  const leadParty = filter.leadParty ?? null;
  return queryRows(milestoneFiguresRow)`
    WITH counts AS (
      -- The years before the day's, the months of its year before its own, the days of its month up to it.
      SELECT f."pillarId", f.key, sum(f.delta)::int AS n
      FROM "PlanFigureChange" f
      WHERE ((f.grain = 'year' AND f.start < date_trunc('year', ${asOf}::date::timestamp)::date)
          OR (f.grain = 'month' AND f.start >= date_trunc('year', ${asOf}::date::timestamp)::date AND f.start < date_trunc('month', ${asOf}::date::timestamp)::date)
          OR (f.grain = 'day' AND f.start >= date_trunc('month', ${asOf}::date::timestamp)::date AND f.start <= ${asOf}::date))
        AND (${leadParty}::text IS NULL OR f."leadParty"::text = ${leadParty}::text)
      GROUP BY f."pillarId", f.key
      HAVING sum(f.delta) <> 0
    ), figures AS (
      SELECT p.id, p.number, p.code, p.name, p."nameEs", p.description, p."descriptionEs",
        COALESCE((SELECT n FROM counts k WHERE k."pillarId" = p.id AND k.key = 'commitments'), 0) AS commitments,
        COALESCE((SELECT n FROM counts k WHERE k."pillarId" = p.id AND k.key = 'total'), 0) AS total,
        COALESCE((SELECT n FROM counts k WHERE k."pillarId" = p.id AND k.key = 'overdue'), 0) AS overdue,
        COALESCE((SELECT jsonb_object_agg(substr(k.key, 8), k.n) FROM counts k WHERE k."pillarId" = p.id AND k.key LIKE 'status:%'), '{}'::jsonb) AS "byStatus",
        (SELECT jsonb_object_agg(substr(k.key, 7), k.n) FROM counts k WHERE k."pillarId" = p.id AND k.key LIKE 'cause:%') AS causes
      FROM "Pillar" p
    )
    SELECT f.*,
      -- The newest update made by the day's end to a milestone counted then, read backwards through the updates' time index.
      CASE WHEN f.total > 0 THEN (
        SELECT su."createdAt" FROM "StatusUpdate" su
        JOIN "Milestone" m ON m.id = su."milestoneId"
        JOIN "Commitment" c ON c.id = m."commitmentId"
        WHERE c."pillarId" = f.id AND su."createdAt" < ${end}
          AND m."createdAt" < ${end} AND (m."archivedAt" IS NULL OR m."archivedAt" >= ${end})
          AND c."createdAt" < ${end} AND (c."archivedAt" IS NULL OR c."archivedAt" >= ${end})
          AND (${leadParty}::text IS NULL OR c."leadParty"::text = ${leadParty}::text)
        ORDER BY su."createdAt" DESC LIMIT 1) END AS "lastUpdateAt"
    FROM figures f
    ORDER BY f.number`;
}

/** The figures counted from the status history itself, milestone by milestone: what the kept changes must always equal. */
async function replayMilestoneFigures(filter: RollupFilter, asOf: string, client?: Transaction): Promise<MilestoneFiguresRow[]> {
  const end = endOf(asOf);
  const day = dateOnly(asOf);
  return queryRows(milestoneFiguresRow, client)`
    WITH commitments AS (
      SELECT c.id, c."pillarId"
      FROM "Commitment" c
      WHERE c."createdAt" < ${end}
        AND (c."archivedAt" IS NULL OR c."archivedAt" >= ${end})
        AND (${filter.leadParty ?? null}::text IS NULL OR c."leadParty"::text = ${filter.leadParty ?? null}::text)
        AND (${filter.agency ?? null}::text IS NULL OR EXISTS (
              SELECT 1 FROM "CommitmentAgency" ca WHERE ca."commitmentId" = c.id AND ca."agencyId" = ${filter.agency ?? null}::text))
    ), scope AS (
      SELECT m.id, m."dueDate", c."pillarId"
      FROM "Milestone" m
      JOIN commitments c ON c.id = m."commitmentId"
      WHERE m."createdAt" < ${end}
        AND (m."archivedAt" IS NULL OR m."archivedAt" >= ${end})
        AND (${filter.from ? dateOnly(filter.from) : null}::date IS NULL OR m."dueDate" >= ${filter.from ? dateOnly(filter.from) : null}::date)
        AND (${filter.to ? dateOnly(filter.to) : null}::date IS NULL OR m."dueDate" <= ${filter.to ? dateOnly(filter.to) : null}::date)
    ), state AS (
      SELECT s."pillarId", s."dueDate", COALESCE(u."newStatus"::text, ${initialStatus}::text) AS status, u.cause::text AS cause, u."createdAt" AS "updatedAt"
      FROM scope s
      LEFT JOIN LATERAL (
        SELECT su."newStatus", su.cause, su."createdAt" FROM "StatusUpdate" su
        WHERE su."milestoneId" = s.id AND su."createdAt" < ${end}
        ORDER BY su."createdAt" DESC, su.id DESC LIMIT 1
      ) u ON true
    ), by_status AS (
      SELECT "pillarId", status, count(*)::int AS n FROM state GROUP BY "pillarId", status
    ), by_cause AS (
      SELECT "pillarId", cause, count(*)::int AS n FROM state WHERE status = ANY(${statusesNamingACause}::text[]) AND cause IS NOT NULL GROUP BY "pillarId", cause
    ), totals AS (
      SELECT "pillarId", count(*)::int AS total,
        count(*) FILTER (WHERE "dueDate" < ${day}::date AND status <> ALL(${closedStatuses}::text[]))::int AS overdue,
        max("updatedAt") AS "lastUpdateAt"
      FROM state GROUP BY "pillarId"
    )
    SELECT p.id, p.number, p.code, p.name, p."nameEs", p.description, p."descriptionEs",
      (SELECT count(*)::int FROM commitments c WHERE c."pillarId" = p.id) AS commitments,
      COALESCE(t.total, 0) AS total,
      COALESCE(t.overdue, 0) AS overdue,
      t."lastUpdateAt",
      COALESCE((SELECT jsonb_object_agg(b.status, b.n) FROM by_status b WHERE b."pillarId" = p.id), '{}'::jsonb) AS "byStatus",
      (SELECT jsonb_object_agg(b.cause, b.n) FROM by_cause b WHERE b."pillarId" = p.id) AS causes
    FROM "Pillar" p
    LEFT JOIN totals t ON t."pillarId" = p.id
    ORDER BY p.number`;
}

const verdictRow = rawRow("verdict", {
  pillarId: z.string(),
  roundId: z.string(),
  roundTitle: z.string(),
  roundTitleEs: z.string().nullable(),
  periodEnd: z.date(),
  assessmentId: z.string(),
  advances: column.advances,
  results: column.results,
});
type VerdictRow = z.infer<typeof verdictRow>;

/**
 * The standing verdict of each pillar in each round, as it stood at the end of
 * `asOf`: the independent assessment of the whole pillar published by then
 * and not yet replaced by a published amendment; the newest when several
 * reviewers assessed the same pillar.
 */
function verdictsByRound(asOf: string): Promise<VerdictRow[]> {
  return atPlanRevision(JSON.stringify(["verdictsByRound", asOf]), () => computeVerdictsByRound(asOf));
}

async function computeVerdictsByRound(asOf: string): Promise<VerdictRow[]> {
  const end = endOf(asOf);
  return queryRows(verdictRow)`
    SELECT DISTINCT ON (a."pillarId", a."roundId")
      a."pillarId", a."roundId", r.title AS "roundTitle", r."titleEs" AS "roundTitleEs", r."periodEnd", a.id AS "assessmentId", a.advances::text AS advances, a.results::text AS results
    FROM "Assessment" a
    JOIN "AssessmentRound" r ON r.id = a."roundId"
    WHERE a.kind = ${AssessmentKind.independent}::"AssessmentKind" AND a."commitmentId" IS NULL
      AND a.state = ${AssessmentState.published}::"AssessmentState" AND a."publishedAt" < ${end}
      AND NOT EXISTS (
        SELECT 1 FROM "Assessment" amendment
        WHERE amendment."amendsId" = a.id AND amendment.state = ${AssessmentState.published}::"AssessmentState" AND amendment."publishedAt" < ${end})
    ORDER BY a."pillarId", a."roundId", a."publishedAt" DESC`;
}

/**
 * The two computations behind every figure, without the plan-revision cache:
 * what `npm run bench` times as the database's own cost.
 */
export const uncachedRollupQueries = { milestoneFigures: computeMilestoneFigures, replayMilestoneFigures, verdictsByRound: computeVerdictsByRound };

/** The five pillars' figures, as of a day and within the filters. */
export async function pillarRollups(actor: Actor, rawFilter: unknown): Promise<{ asOf: string; pillars: PillarRollup[] }> {
  ensure(actor, "plan.read");
  const filter = parseInput(rollupFilter, rawFilter);
  const asOf = filter.asOf ?? todayIso();
  const [figures, verdicts] = await Promise.all([milestoneFigures(filter, asOf), verdictsByRound(asOf)]);
  return { asOf, pillars: rollupsFrom(figures, verdicts, asOf) };
}

/**
 * The five pillars' figures of the whole plan as of a day, for the public
 * record (server/public-record.ts), which keeps only what it publishes: the
 * milestone figures, and verdicts that were published.
 */
export async function wholePlanRollups(asOf: string): Promise<PillarRollup[]> {
  const [figures, verdicts] = await Promise.all([milestoneFigures({}, asOf), verdictsByRound(asOf)]);
  return rollupsFrom(figures, verdicts, asOf);
}

/**
 * The five pillars' milestone figures as they stood at the end of `asOf`,
 * unfiltered and read inside `tx`, for a round report frozen in the
 * transaction that closes its round (server/frozen-reports.ts).
 */
export async function pillarFiguresIn(tx: Transaction, asOf: string): Promise<PillarRollup[]> {
  return rollupsFrom(await replayMilestoneFigures({}, asOf, tx), [], asOf);
}

/** The dashboard's two readings of the same day, the verdicts read once for both. */
export async function dashboardFigures(actor: Actor, rawFilter: unknown) {
  ensure(actor, "plan.read");
  const filter = parseInput(rollupFilter, rawFilter);
  const asOf = filter.asOf ?? todayIso();
  const [figures, verdicts] = await Promise.all([milestoneFigures(filter, asOf), verdictsByRound(asOf)]);
  return { rollups: { asOf, pillars: rollupsFrom(figures, verdicts, asOf) }, trends: { asOf, ...trendsFrom(verdicts, figures) } };
}

function rollupsFrom(figures: MilestoneFiguresRow[], verdicts: VerdictRow[], asOf: string): PillarRollup[] {
  const asOfDay = dateOnly(asOf).getTime();
  return figures.map((row): PillarRollup => {
    const milestonesByStatus = fillStatusCounts(row.byStatus);
    const considered = row.total - milestonesByStatus.cancelled;
    const latest = verdicts
      .filter((verdict) => verdict.pillarId === row.id)
      .sort((a, b) => b.periodEnd.getTime() - a.periodEnd.getTime())[0];
    return {
      id: row.id,
      number: row.number,
      code: row.code,
      name: row.name,
      nameEs: row.nameEs,
      description: row.description,
      descriptionEs: row.descriptionEs,
      commitmentCount: row.commitments,
      milestoneCount: row.total,
      milestonesByStatus,
      percentCompleted: considered > 0 ? Math.round((1000 * milestonesByStatus.completed) / considered) / 10 : null,
      overdue: row.overdue,
      atRisk: milestonesByStatus.at_risk,
      delaysByCause: Object.fromEntries(delayCauses.map((cause) => [cause, row.causes?.[cause] ?? 0])) as Record<DelayCause, number>,
      lastStatusUpdateAt: row.lastUpdateAt?.toISOString() ?? null,
      daysSinceLastStatusUpdate: row.lastUpdateAt ? Math.floor((asOfDay - dateOnly(isoDate(row.lastUpdateAt)).getTime()) / 86_400_000) : null,
      latestVerdict: latest ? verdictJson(latest) : null,
    };
  });
}

function verdictJson(row: VerdictRow): Verdict {
  return {
    roundId: row.roundId,
    roundTitle: row.roundTitle,
    roundTitleEs: row.roundTitleEs,
    periodEnd: isoDate(row.periodEnd),
    assessmentId: row.assessmentId,
    advances: row.advances,
    results: row.results,
  };
}

export interface VerdictTrend {
  pillarId: string;
  number: number;
  name: string;
  nameEs: string | null;
  /** The pillar's verdicts, oldest first; each round's title and end are in the trends' `rounds` only, as the dashboard carries this list to the browser. */
  rounds: (Omit<Verdict, "roundTitle" | "roundTitleEs" | "periodEnd"> & { advancesStep: number; resultsStep: number | null })[];
  /** Advances rose in two consecutive rounds while results rose in neither. */
  advancesWithoutResults: boolean;
}

/**
 * Both scales of every pillar across every round, oldest round first, with
 * the "advances without results" flag: the pattern independent reviews found
 * ("steady advances, slow results").
 */
function trendsFrom(verdicts: VerdictRow[], pillars: { id: string; number: number; name: string; nameEs: string | null }[]) {
  const ordered = [...verdicts].sort((a, b) => a.periodEnd.getTime() - b.periodEnd.getTime());
  const rounds = [...new Map(ordered.map((row) => [row.roundId, { id: row.roundId, title: row.roundTitle, titleEs: row.roundTitleEs, periodEnd: isoDate(row.periodEnd) }])).values()];
  return {
    rounds,
    pillars: pillars.map((pillar): VerdictTrend => {
      const series = ordered
        .filter((row) => row.pillarId === pillar.id)
        .map((row) => ({ roundId: row.roundId, assessmentId: row.assessmentId, advances: row.advances, results: row.results, advancesStep: advancesScale.indexOf(row.advances), resultsStep: row.results === "cannot_assess" ? null : resultsScale.indexOf(row.results) }));
      return { pillarId: pillar.id, number: pillar.number, name: pillar.name, nameEs: pillar.nameEs, rounds: series, advancesWithoutResults: advancesWithoutResults(series) };
    }),
  };
}

/** Two consecutive rises of advances over three rounds in a row, with results rising in neither step. */
export function advancesWithoutResults(series: readonly { advancesStep: number; resultsStep: number | null }[]): boolean {
  for (let i = 2; i < series.length; i++) {
    const [first, second, third] = [series[i - 2]!, series[i - 1]!, series[i]!];
    const advancesRose = second.advancesStep > first.advancesStep && third.advancesStep > second.advancesStep;
    const resultsRose = (a: number | null, b: number | null) => a !== null && b !== null && b > a;
    if (advancesRose && !resultsRose(first.resultsStep, second.resultsStep) && !resultsRose(second.resultsStep, third.resultsStep)) return true;
  }
  return false;
}

/**
 * A pillar's commitments and milestones as they stood at the end of the day
 * `asOf` (today when not given) within the filters: the dashboard's figures
 * drilled into. A milestone's status is the newest status update made by
 * then, as in the rollups.
 */
export async function pillarAsOf(actor: Actor, number: number, rawFilter: unknown) {
  ensure(actor, "plan.read");
  const filter = parseInput(rollupFilter, rawFilter);
  const asOf = filter.asOf ?? todayIso();
  const end = endOf(asOf);
  const existedThen = existedAt(end);
  const pillar = await db().pillar.findUnique({
    where: { number },
    include: {
      commitments: {
        where: {
          ...existedThen,
          ...(filter.leadParty ? { leadParty: filter.leadParty } : {}),
          ...(filter.agency ? { agencies: { some: { agencyId: filter.agency } } } : {}),
        },
        orderBy: { title: "asc" },
        include: {
          agencies: { include: { agency: { select: { code: true, name: true } } } },
          milestones: {
            where: {
              ...existedThen,
              dueDate: { ...(filter.from ? { gte: dateOnly(filter.from) } : {}), ...(filter.to ? { lte: dateOnly(filter.to) } : {}) },
            },
            orderBy: { dueDate: "asc" },
            select: { id: true, title: true, titleEs: true, dueDate: true },
          },
        },
      },
    },
  });
  if (!pillar) throw new NotFoundError();
  const ids = pillar.commitments.flatMap((commitment) => commitment.milestones.map((milestone) => milestone.id));
  const statusOf = await statusesAsOf(ids, asOf);
  return {
    asOf,
    pillar: {
      ...pillar,
      commitments: pillar.commitments.map((commitment) => ({
        ...commitment,
        milestones: commitment.milestones.map((milestone) => ({ ...milestone, status: statusOf.get(milestone.id)?.status ?? initialStatus })),
      })),
    },
  };
}
